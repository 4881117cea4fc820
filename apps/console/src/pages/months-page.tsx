import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, Form, Grid, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { decideAppealBody } from '@jiebang/contracts/http/months';
import { recordVetoBody } from '@jiebang/contracts/http/vetoes';
import { api, checked, seg } from '../api/client';
import { changes, useCycleStatus, useStep, useUnit } from '../api/queries';
import type { MonthCloseState } from '../api/types';
import { useCycle } from '../components/cycle';
import { useRefusalBesideFields } from '../components/field-problems';
import { useDateTime } from '../components/format';
import { UnitSelect, useNames } from '../components/names';
import { NoteField } from '../components/note-field';
import { RefusalAlert } from '../components/refusal-alert';
import { WorkbookRoundTrip } from '../components/workbook-upload';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

/** Each month's close: assessors close and rank and decide appeals; LEADERSHIP publishes the bulletin. */
/** A month's manual ratings of every unit, as one workbook to download, fill and upload (assessors). */
function RatingsWorkbooks({ cycleId, months }: { cycleId: string; months: number[] }) {
  const { t } = useI18n();
  if (months.length === 0) return null;
  return (
    <ProCard size="small" title={t('downloadRatingsWorkbook')} style={{ marginTop: 12 }}>
      {months.map((month) => (
        <div key={month}>
          <Typography.Text strong>{t('monthN', { n: month })}</Typography.Text>
          <WorkbookRoundTrip<{ rated: number }>
            path={`/cycles/${seg(cycleId)}/ratings/${month}/workbook`}
            fileName={`${month}月-人工评分.xlsx`}
            downloadLabel="downloadRatingsWorkbook"
            uploadLabel="uploadRatingsWorkbook"
            canUpload
            done={({ rated }) => t('ratingsUploaded', { n: rated })}
            invalidates={changes.year(cycleId)}
          />
        </div>
      ))}
    </ProCard>
  );
}

export function MonthsPage() {
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const { cycle } = useCycle();
  const { has } = useSession();
  const status = useCycleStatus(cycle?.id);
  const base = cycle ? `/cycles/${seg(cycle.id)}/months` : '';
  const yearChanged = cycle ? changes.year(cycle.id) : [];
  const close = useStep((month: number) => api.post(`${base}/${month}/close`), yearChanged);
  const publish = useStep((month: number) => api.post(`${base}/${month}/bulletin`), yearChanged);
  const wide = Grid.useBreakpoint().md !== false;
  /** The month's next step for this person: the assessors close it, the leadership publishes it. */
  const steps = (row: MonthCloseState) => (
    <Space wrap>
      {has('ASSESSOR') && row.stage === 'collecting' && (
        <Button size="small" onClick={() => close.mutate(row.month)} loading={close.isPending}>
          {t('closeMonth')}
        </Button>
      )}
      {has('LEADERSHIP') && row.stage === 'final' && (
        <Button size="small" type="primary" onClick={() => publish.mutate(row.month)} loading={publish.isPending}>
          {t('publishBulletin')}
        </Button>
      )}
    </Space>
  );
  return (
    <PageContainer title={t('months')}>
      <RefusalAlert error={status.error ?? close.error ?? publish.error} />
      <ProCard size="small">
        <Table<MonthCloseState>
          size="small"
          rowKey="month"
          pagination={false}
          scroll={{ x: 600 }}
          loading={status.isLoading}
          dataSource={status.data?.months ?? []}
          expandable={{
            rowExpandable: (row) => row.appeals.length > 0,
            expandedRowRender: (row) => <Appeals month={row} base={base} />,
          }}
          columns={[
            // Fixed, so on a phone the month stays in sight and an expanded appeal keeps to the screen's width.
            {
              title: t('month'),
              dataIndex: 'month',
              fixed: 'left',
              width: 80,
              render: (month: number) => t('monthN', { n: month }),
            },
            {
              title: t('stage'),
              dataIndex: 'stage',
              render: (stage: string, row) => (
                <Space size={4} wrap>
                  <Tag data-stage={stage}>{tc(stage, 'stage')}</Tag>
                  {row.version > 0 && (
                    <Link to={`/rankings?month=${row.month}`}>
                      {t('rankings')} v{row.version}
                    </Link>
                  )}
                  {!wide && steps(row)}
                </Space>
              ),
            },
            {
              title: t('appealsOpenUntil'),
              dataIndex: 'appealsOpenUntil',
              render: (value: string | null) => dateTime(value),
            },
            // On a phone the steps stand beside the stage (above): a column of their own was off-screen.
            ...(wide
              ? [{ title: t('actions'), key: 'actions', render: (_: unknown, row: MonthCloseState) => steps(row) }]
              : []),
          ]}
        />
      </ProCard>
      {has('ASSESSOR') && cycle && (
        <RatingsWorkbooks
          cycleId={cycle.id}
          months={(status.data?.months ?? []).filter((row) => row.stage === 'collecting').map((row) => row.month)}
        />
      )}
      {has('ASSESSOR') && <VetoForm base={base} />}
    </PageContainer>
  );
}

interface VetoFields {
  unitId?: string;
  month?: number | null;
  reason?: string;
}

/** 一票否决: an assessor records a veto event for a unit's month before it is ranked. */
function VetoForm({ base }: { base: string }) {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const [form] = Form.useForm<VetoFields>();
  const besideFields = useRefusalBesideFields();
  const [leftOver, setLeftOver] = useState<unknown>(null);
  const veto = useStep(
    ({ unitId, month, reason }: VetoFields) =>
      api.post(
        `${base.replace(/\/months$/, '')}/vetoes`,
        checked(recordVetoBody, { unitId, month, reason: reason ?? '' }),
      ),
    cycle ? changes.year(cycle.id) : [],
  );
  const finish = (fields: VetoFields) => {
    setLeftOver(null);
    veto.mutate(fields, {
      onError: (error) => {
        const placed = besideFields(form, error, {
          fields: ['unitId', 'month', 'reason'],
          fieldOfCode: {
            UNKNOWN_UNIT: 'unitId',
            UNIT_NOT_FOUND: 'unitId',
            UNKNOWN_MONTH: 'month',
            MONTH_CLOSED: 'month',
          },
        });
        if (!placed) setLeftOver(error);
      },
    });
  };
  return (
    <ProCard title={t('recordVeto')} size="small" style={{ marginTop: 12 }} collapsible defaultCollapsed>
      <Form<VetoFields> form={form} name="veto" onFinish={finish} data-testid="veto-form">
        <Space wrap align="start">
          <Form.Item name="unitId">
            <UnitSelect />
          </Form.Item>
          <Form.Item name="month">
            <InputNumber aria-label={t('month')} placeholder={t('month')} min={1} max={12} />
          </Form.Item>
        </Space>
        <Form.Item name="reason">
          <NoteField label="reason" />
        </Form.Item>
        <RefusalAlert error={leftOver} />
        {veto.isSuccess && <Tag color="green">{t('done')}</Tag>}
        <Button danger htmlType="submit" loading={veto.isPending}>
          {t('recordVeto')}
        </Button>
      </Form>
    </ProCard>
  );
}

function Appeals({ month, base }: { month: MonthCloseState; base: string }) {
  const { tc } = useI18n();
  const names = useNames();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {month.appeals.map((appeal) => (
        <div key={appeal.unitId} data-appeal={appeal.unitId}>
          <Space wrap>
            <Typography.Text strong>{names.unit(appeal.unitId)}</Typography.Text>
            <Typography.Text>{appeal.reason}</Typography.Text>
            <Tag data-appeal-status={appeal.status}>{tc(appeal.status, 'appeal')}</Tag>
          </Space>
          <AppealDecision month={month.month} unitId={appeal.unitId} open={appeal.status === 'open'} base={base} />
        </div>
      ))}
    </Space>
  );
}

/**
 * An assessor upholds the appeal, or corrects the unit's values for the month (every indicator,
 * prefilled with what was approved and rated): the category is re-ranked as a new version.
 */
function AppealDecision(props: { month: number; unitId: string; open: boolean; base: string }) {
  const { month, unitId, base } = props;
  const { t } = useI18n();
  const { has } = useSession();
  const { cycle } = useCycle();
  const [comment, setComment] = useState('');
  const [correcting, setCorrecting] = useState(false);
  const [values, setValues] = useState<Record<string, number | null>>({});
  const unit = useUnit(correcting ? cycle?.id : undefined, unitId);
  const report = unit.data?.workflow.reports.find((each) => each.month === month);
  const approved = { ...(report?.values ?? {}), ...(report?.ratings ?? {}) };
  const decide = useStep(
    (decision: 'uphold' | 'correct') =>
      api.post<MonthCloseState>(
        `${base}/${month}/appeals/${seg(unitId)}/decision`,
        checked(decideAppealBody, {
          decision,
          comment,
          values: decision === 'correct' ? { ...approved, ...values } : undefined,
        }),
      ),
    cycle ? changes.year(cycle.id) : [],
  );
  if (!has('ASSESSOR')) return null;
  // Stays after the decision (the appeal is then no longer open): the new version is one click away.
  if (decide.isSuccess)
    return decide.variables === 'correct' ? (
      <Alert
        type="success"
        showIcon
        data-testid="appeal-corrected"
        message={
          <Link to={`/rankings?month=${month}`}>{t('correctionVersion', { version: decide.data.version })}</Link>
        }
      />
    ) : (
      <Tag color="green">{t('done')}</Tag>
    );
  if (!props.open) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
      <NoteField label="comment" value={comment} onChange={setComment} />
      {correcting && (
        <ProCard size="small" title={t('correctedValues')} bordered>
          <Space wrap>
            {(unit.data?.indicators ?? []).map((indicator) => (
              <Space key={indicator.id} size={4}>
                <label htmlFor={`correct-${unitId}-${indicator.id}`}>{indicator.name}</label>
                <InputNumber
                  id={`correct-${unitId}-${indicator.id}`}
                  data-corrected={indicator.id}
                  value={values[indicator.id] ?? approved[indicator.id] ?? null}
                  onChange={(value) => setValues((current) => ({ ...current, [indicator.id]: value }))}
                />
              </Space>
            ))}
          </Space>
        </ProCard>
      )}
      <RefusalAlert error={decide.error} />
      <Space wrap>
        <Button size="small" onClick={() => decide.mutate('uphold')} loading={decide.isPending}>
          {t('uphold')}
        </Button>
        {correcting ? (
          <Button size="small" type="primary" onClick={() => decide.mutate('correct')} loading={decide.isPending}>
            {t('correctAppeal')}
          </Button>
        ) : (
          <Button size="small" onClick={() => setCorrecting(true)}>
            {t('correctedValues')}
          </Button>
        )}
      </Space>
    </Space>
  );
}
