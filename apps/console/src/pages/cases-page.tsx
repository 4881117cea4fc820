import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, Descriptions, Form, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { caseProcedureOf } from '@jiebang/domain/case-procedure';
import { decideCaseBody, recordCaseStepBody } from '@jiebang/contracts/http/cases';
import { api, checked, seg } from '../api/client';
import { changes, useCase, useCases, useStep, useUnit } from '../api/queries';
import type { Case, CaseDetail } from '../api/types';
import { useCaseExplanation } from '../components/case-explanation';
import { useCycle } from '../components/cycle';
import { useRefusalBesideFields } from '../components/field-problems';
import { round2, useDateTime } from '../components/format';
import { useNames } from '../components/names';
import { NoteField } from '../components/note-field';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { DownloadButton } from '../components/download-button';
import { StackedTable } from '../components/stacked-table';

/** The head (and for quarterly discipline the deputy) as imported, with the account linked to the post, if any. */
function ConcernedPeople({ item }: { item: CaseDetail }) {
  const { t } = useI18n();
  const posts = (['head', 'deputy'] as const).filter(
    (post) => item.concerns[post] !== null || item.concernedAccounts[post] !== null,
  );
  if (posts.length === 0) return null;
  return (
    <Descriptions
      size="small"
      column={1}
      title={t('concerns.title')}
      data-testid="case-concerns"
      style={{ marginTop: 16 }}
    >
      {posts.map((post) => {
        const account = item.concernedAccounts[post];
        return (
          <Descriptions.Item key={post} label={t(`unitPost.${post}`)}>
            {item.concerns[post] ?? '—'} ·{' '}
            {account ? t('concerns.linked', { name: account.name, id: account.id }) : t('concerns.unlinked')}
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}

type Filter = 'awaiting_approval' | 'in_progress' | 'all';

/** The cases of the year, awaiting approval first; unit people see their own unit's. */
export function CasesPage() {
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const names = useNames();
  const { cycle } = useCycle();
  const [filter, setFilter] = useState<Filter>('all');
  const query = new URLSearchParams();
  if (cycle) query.set('cycleId', cycle.id);
  if (filter !== 'all') query.set('status', filter);
  const cases = useCases(cycle ? query.toString() : null);
  return (
    <PageContainer
      title={t('cases')}
      extra={
        <Space wrap>
          <DownloadButton
            path={cycle ? `/cycles/${seg(cycle.id)}/ledgers/cases` : null}
            fileName={`${cycle?.id ?? ''}-问责台账.xlsx`}
          />
          <Segmented<Filter>
            aria-label={t('status')}
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: t('all') },
              { value: 'awaiting_approval', label: t('case.awaiting_approval') },
              { value: 'in_progress', label: t('case.in_progress') },
            ]}
          />
        </Space>
      }
    >
      <RefusalAlert error={cases.error} />
      <ProCard size="small">
        {/* On a phone, one block per case: its unit, month, status and due date beside their labels. */}
        <StackedTable<Case>
          rowKey="caseId"
          paged
          scroll={{ x: 560 }}
          loading={cases.isLoading}
          rows={cases.data ?? []}
          columns={[
            {
              title: t('rung'),
              dataIndex: 'rung',
              render: (_, row) => <Link to={`/cases/${encodeURIComponent(row.caseId)}`}>{tc(row.rung)}</Link>,
            },
            { title: t('unit'), dataIndex: 'unitId', render: (_, row) => names.unit(row.unitId) },
            { title: t('month'), dataIndex: 'month', render: (_, row) => t('monthN', { n: row.month }) },
            { title: t('status'), dataIndex: 'status', render: (_, row) => <Tag>{tc(row.status, 'case')}</Tag> },
            { title: t('dueAt'), dataIndex: 'approvalDueAt', render: (_, row) => dateTime(row.approvalDueAt) },
          ]}
        />
      </ProCard>
    </PageContainer>
  );
}

/** One case: why it fired (months, ranks, scores, the rule in words), its decisions and steps, and the person's next step. */
export function CasePage() {
  const { caseId } = useParams();
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const detail = useCase(caseId);
  const item = detail.data;
  const names = useNames();
  const unit = useUnit(item?.cycleId, item?.unitId);
  const indicatorName = (id: string) => unit.data?.indicators.find((indicator) => indicator.id === id)?.name ?? id;
  const explain = useCaseExplanation(indicatorName, names.unit);
  return (
    <PageContainer
      title={item ? `${tc(item.rung)} · ${names.unit(item.unitId)} · ${t('monthN', { n: item.month })}` : t('cases')}
    >
      <RefusalAlert error={detail.error} />
      {item && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <ProCard title={t('whyFired')} size="small">
            <Typography.Paragraph data-testid="case-explanation">{explain(item)}</Typography.Paragraph>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('status')}>
                <Tag>{tc(item.status, 'case')}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('approvers')}>
                {item.approvers.map((role) => tc(role)).join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('dueAt')}>
                {dateTime(item.approvalDueAt ?? item.outcomeDueAt)}
              </Descriptions.Item>
            </Descriptions>
            <ConcernedPeople item={item} />
            <Table
              size="small"
              rowKey="month"
              pagination={false}
              dataSource={item.explanation.months.map((month, index) => ({
                month,
                rank: item.explanation.ranks[index],
                score: item.explanation.scores[index],
              }))}
              columns={[
                { title: t('month'), dataIndex: 'month', render: (month: number) => t('monthN', { n: month }) },
                { title: t('rank'), dataIndex: 'rank' },
                {
                  title: t('score'),
                  dataIndex: 'score',
                  render: (score?: number) => (score === undefined ? '—' : round2(score)),
                },
              ]}
            />
          </ProCard>
          <CaseActions item={item} />
          <ProCard title={t('steps')} size="small">
            <Timeline
              items={[
                ...item.decisions.map((decision) => ({
                  color: decision.approve ? 'green' : 'red',
                  children: `${tc(decision.role)}（${decision.userName ?? decision.userId}）${decision.approve ? t('approveCase') : t('rejectCase')} ${decision.reason ?? ''} · ${dateTime(decision.at)}`,
                })),
                ...item.steps.map((step) => ({
                  children: `${tc(step.step, 'caseStep')} · ${step.userName ?? step.userId} ${step.note ?? ''} · ${dateTime(step.at)}`,
                })),
              ]}
            />
          </ProCard>
        </Space>
      )}
    </PageContainer>
  );
}

/**
 * A step with a note (an approver's reason, a procedure step's note): the refusal that says the
 * note is missing (`refusalOfNote`) or the schema's problem at it shows beside the note.
 */
function useNoteStep<Input>(
  field: 'reason' | 'note',
  refusalOfNote: string,
  send: (input: Input, note: string | undefined) => Promise<unknown>,
  caseId: string,
) {
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const besideFields = useRefusalBesideFields();
  const [leftOver, setLeftOver] = useState<unknown>(null);
  const step = useStep(
    (input: Input) => send(input, form.getFieldValue(field)?.trim() || undefined),
    changes.case(caseId),
  );
  const mutate = (input: Input) => {
    setLeftOver(null);
    step.mutate(input, {
      onError: (error) => {
        if (!besideFields(form, error, { fields: [field], fieldOfCode: { [refusalOfNote]: field } }))
          setLeftOver(error);
      },
    });
  };
  return { form, step, mutate, leftOver };
}

function CaseActions({ item }: { item: CaseDetail }) {
  const { t, tc } = useI18n();
  const { user } = useSession();
  const path = `/cases/${seg(item.caseId)}`;
  const decide = useNoteStep(
    'reason',
    'CASE_REASON_REQUIRED',
    (approve: boolean, reason) => api.post(`${path}/decisions`, checked(decideCaseBody, { approve, reason })),
    item.caseId,
  );
  const record = useNoteStep(
    'note',
    'CASE_NOTE_REQUIRED',
    (step: string, note) => api.post(`${path}/steps`, checked(recordCaseStepBody, { step, note })),
    item.caseId,
  );
  const roles = user?.roles ?? [];
  const pendingApprovers = item.live?.pendingApprovers ?? [];
  const mayDecide = item.status === 'awaiting_approval' && roles.some((role) => pendingApprovers.includes(role));
  const next = item.live?.remainingSteps[0];
  const rule = next ? caseProcedureOf(item.rung).steps.find((step) => step.step === next) : undefined;
  const mayRecord =
    next !== undefined &&
    item.status !== 'awaiting_approval' &&
    (rule?.roles ?? []).some((role) => roles.includes(role));
  if (!mayDecide && !mayRecord) return null;
  return (
    <ProCard title={t('nextStep')} size="small">
      {mayDecide && (
        <Form form={decide.form} name="case-decision" component={false}>
          <Space direction="vertical" style={{ width: '100%' }} data-testid="case-decision">
            <Form.Item name="reason" style={{ marginBottom: 0 }}>
              <NoteField label="reason" />
            </Form.Item>
            <RefusalAlert error={decide.leftOver} />
            <Space>
              <Button type="primary" onClick={() => decide.mutate(true)} loading={decide.step.isPending}>
                {t('approveCase')}
              </Button>
              <Button danger onClick={() => decide.mutate(false)} loading={decide.step.isPending}>
                {t('rejectCase')}
              </Button>
            </Space>
          </Space>
        </Form>
      )}
      {mayRecord && (
        <Form form={record.form} name="case-step" component={false}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{tc(next!, 'caseStep')}</Typography.Text>
            <Form.Item name="note" style={{ marginBottom: 0 }}>
              <NoteField label="note" />
            </Form.Item>
            <RefusalAlert error={record.leftOver} />
            <Button type="primary" onClick={() => record.mutate(next!)} loading={record.step.isPending}>
              {t('recordStep')}
            </Button>
          </Space>
        </Form>
      )}
    </ProCard>
  );
}
