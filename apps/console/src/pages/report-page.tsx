import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, DatePicker, Descriptions, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import type { QueryKey } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { EDITABLE_REPORT_STATUSES, MANUAL_RATING_DIMENSIONS } from '@jiebang/contracts/report';
import type { Indicator as RuleIndicator } from '@jiebang/domain/indicator';
import { investmentsDiffer } from '@jiebang/domain/key-projects';
import { targetsToDate } from '@jiebang/domain/plan';
import { scoreIndicator } from '@jiebang/domain/unit-score';
import {
  confirmReportBody,
  decideExtensionBody,
  rateIndicatorBody,
  requestExtensionBody,
  reviewReportBody,
  saveReportBody,
} from '@jiebang/contracts/http/reports';
import { api, checked, seg } from '../api/client';
import { changes, useStep, useUnit } from '../api/queries';
import type { ReportTexts } from '@jiebang/contracts/report';
import type { Indicator, MonthReport, Unit } from '../api/types';
import { useCycle } from '../components/cycle';
import { useRefusalBesideFields } from '../components/field-problems';
import { LightTag, useDateTime } from '../components/format';
import { NoteField } from '../components/note-field';
import { RefusalAlert } from '../components/refusal-alert';
import { StackedTable, type StackedColumn } from '../components/stacked-table';
import { WorkbookRoundTrip } from '../components/workbook-upload';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { ReportEvidence } from './report-evidence';

const isRated = (indicator: Indicator) => (MANUAL_RATING_DIMENSIONS as readonly string[]).includes(indicator.dimension);

// The API says null where the rules say nothing (failBelow): leave it out, as the rules do.
const asRule = (indicator: Indicator, unitId: string) =>
  Object.fromEntries(
    Object.entries({ ...indicator, unit: unitId }).filter(([, value]) => value !== null),
  ) as unknown as RuleIndicator;

/**
 * The month's rated values (an assessor's number or a rating round's), each with 视为不合格 and
 * why where the value is below the indicator's failBelow: the month scores the floor, red.
 */
function RatedValues({ indicators, ratings }: { indicators: Indicator[]; ratings: Record<string, number> }) {
  const { t } = useI18n();
  const shown = indicators.filter((indicator) => typeof ratings[indicator.id] === 'number');
  if (shown.length === 0) return null;
  return (
    <ProCard title={t('rating')} size="small" style={{ marginTop: 12 }} data-testid="rated-values">
      <Space direction="vertical" size={4}>
        {shown.map((indicator) => {
          const value = ratings[indicator.id];
          const failBelow = (indicator as { failBelow?: number | null }).failBelow;
          const failed = typeof failBelow === 'number' && value < failBelow;
          return (
            <Space key={indicator.id} wrap>
              <Typography.Text>{indicator.name}</Typography.Text>
              <Typography.Text strong>{value.toFixed(2)}</Typography.Text>
              {failed && (
                <Tag color="red" data-testid={`deemed-failed-${indicator.id}`}>
                  {t('ratingDeemedFailed')}：{value.toFixed(2)} &lt; {failBelow}
                </Tag>
              )}
            </Space>
          );
        })}
      </Space>
    </ProCard>
  );
}

/**
 * A unit's monthly report: each indicator's plan to date, last month's value and the light the
 * entered value would give (libs/domain's scoreIndicator, the rules' one implementation). Unit
 * people save a draft, submit, ask for an extension; assessors rate, approve or return.
 */
export function ReportPage() {
  const { unitId, month: monthParam } = useParams();
  const month = Number(monthParam);
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const { has } = useSession();
  const { cycle } = useCycle();
  const unit = useUnit(cycle?.id, unitId);
  const report = unit.data?.workflow.reports.find((each) => each.month === month);
  const previous = unit.data?.workflow.reports.find((each) => each.month === month - 1);
  const indicators = unit.data?.indicators ?? [];
  const reported = indicators.filter((indicator) => !isRated(indicator));
  const rated = indicators.filter(isRated);
  const projectInvestment = unit.data?.projectInvestment ?? [];
  const [form] = Form.useForm<ReportFields>();
  const besideFields = useRefusalBesideFields();
  const values = Form.useWatch('values', form) ?? {};
  // What the API holds fills the form until the person types; a workbook taken fills it again.
  const [taken, setTaken] = useState(0);
  useEffect(() => {
    if (report && !form.isFieldsTouched())
      form.setFieldsValue({ values: report.values ?? {}, texts: report.texts ?? NO_TEXTS });
  }, [form, report, taken]);

  const path = cycle && unitId ? `/cycles/${seg(cycle.id)}/units/${seg(unitId)}/reports/${month}` : '';
  const changed = cycle && unitId ? changes.report(cycle.id, unitId) : [];
  const [leftOver, setLeftOver] = useState<unknown>(null);
  const save = useStep((submit: boolean) => {
    const fields = form.getFieldsValue(true) as Partial<ReportFields>;
    return api.put(
      path,
      checked(saveReportBody, { values: fields.values ?? {}, texts: fields.texts ?? NO_TEXTS, submit }),
    );
  }, changed);
  const send = (submit: boolean) => {
    setLeftOver(null);
    save.mutate(submit, {
      onError: (error) => {
        if (!besideFields(form, error, { fields: ['values', 'texts'], records: ['values'] })) setLeftOver(error);
      },
    });
  };
  const unitRole = has('UNIT_REPORTER', 'UNIT_HEAD');
  const editable = unitRole && report && EDITABLE_REPORT_STATUSES.includes(report.status);

  return (
    <PageContainer
      title={`${unit.data?.name ?? unitId} · ${t('monthN', { n: month })} ${t('monthlyReport')}`}
      extra={report && <Tag color="blue">{tc(report.status, 'report')}</Tag>}
    >
      <RefusalAlert error={unit.error} />
      {report && <ReportFacts report={report} dateTime={dateTime} />}
      {report && <RatedValues indicators={rated} ratings={report.ratings} />}
      <ProCard title={t('indicator')} size="small" style={{ marginTop: 12 }}>
        {report && path && (
          <WorkbookRoundTrip
            path={`${path}/workbook`}
            fileName={`${unitId}-${month}月-月度报告.xlsx`}
            downloadLabel="downloadReportWorkbook"
            uploadLabel="uploadReportWorkbook"
            canUpload={Boolean(editable)}
            done={() => t('reportWorkbookSaved')}
            // The form shows what the workbook saved once the report is read again.
            onTaken={() => {
              form.resetFields();
              setTaken((count) => count + 1);
            }}
            invalidates={changed}
          />
        )}
        <Form<ReportFields> form={form} component={false} name="report">
          {/* On a phone each indicator stands as a block of its own: 项目投资合计 and the light stay in view. */}
          <StackedTable<Indicator>
            rowKey="id"
            scroll={{ x: 640 }}
            rows={reported}
            columns={[
              {
                title: t('indicator'),
                dataIndex: 'name',
                render: (_, row) => <label htmlFor={`value-${row.id}`}>{row.name}</label>,
              },
              {
                title: t('planToDate'),
                key: 'plan',
                render: (_, row) => round(targetsToDate(asRule(row, unitId!), month).satisfactory),
              },
              { title: t('lastMonth'), key: 'last', render: (_, row) => previous?.values?.[row.id] ?? '—' },
              {
                title: t('value'),
                key: 'value',
                render: (_, row) => (
                  <Form.Item name={['values', row.id]} style={{ marginBottom: 0 }}>
                    <InputNumber
                      id={`value-${row.id}`}
                      data-indicator={row.id}
                      disabled={!editable}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                ),
              },
              ...(projectInvestment.length > 0
                ? [
                    {
                      title: t('projects.investmentSum'),
                      key: 'projectInvestment',
                      render: (_: unknown, row: Indicator) => (
                        <ProjectInvestment
                          fed={projectInvestment.find((each) => each.indicatorId === row.id)}
                          month={month}
                          value={values[row.id]}
                        />
                      ),
                    } satisfies StackedColumn<Indicator>,
                  ]
                : []),
              {
                title: t('lightIfEntered'),
                key: 'light',
                render: (_, row) =>
                  typeof values[row.id] === 'number' && cycle ? (
                    <LightTag
                      light={scoreIndicator(asRule(row, unitId!), month, values[row.id]!, cycle.policy).light}
                    />
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          <ReportTextsFields editable={Boolean(editable)} />
        </Form>
        {report && <ReportEvidence path={path} editable={Boolean(editable)} />}
        {/* The outcome stays in view after a submission makes the report read-only. */}
        <RefusalAlert error={leftOver} />
        {save.isSuccess && (
          <Alert
            type="success"
            showIcon
            message={save.variables ? t('reportSubmitted') : t('draftSaved')}
            style={{ margin: '12px 0' }}
          />
        )}
        {editable && (
          <>
            <Space wrap style={{ marginTop: 12 }}>
              <Button loading={save.isPending && !save.variables} onClick={() => send(false)}>
                {t('saveDraft')}
              </Button>
              <Button type="primary" loading={save.isPending && save.variables} onClick={() => send(true)}>
                {t('submitReport')}
              </Button>
            </Space>
          </>
        )}
      </ProCard>
      {has('UNIT_HEAD') && report && <HeadSignOff path={path} report={report} changed={changed} />}
      {unitRole && report && <ExtensionRequest path={path} report={report} changed={changed} />}
      {has('ASSESSOR') && report && <AssessorPanel path={path} report={report} rated={rated} changed={changed} />}
    </PageContainer>
  );
}

/**
 * 项目投资合计 beside an indicator fed by key projects: the sum of the investment to date its
 * projects reported for the month, how many reported when not all did, and 与填报值不一致 when
 * the sum and the value shown (typed, or as stored) differ. Shown, never refused.
 */
function ProjectInvestment({
  fed,
  month,
  value,
}: {
  fed: Unit['projectInvestment'][number] | undefined;
  month: number;
  value: number | null | undefined;
}) {
  const { t } = useI18n();
  const entry = fed?.months.find((each) => each.month === month);
  if (!fed || !entry || entry.investment === null) return '—';
  const shown = typeof value === 'number' ? value : entry.reportedValue;
  return (
    <Space size={4} wrap data-testid={`project-investment-${fed.indicatorId}`}>
      <Typography.Text>{round(entry.investment)}</Typography.Text>
      {entry.reportedProjects < fed.projects.length && (
        <Typography.Text type="secondary">
          {t('projects.reportedOf', { n: entry.reportedProjects, m: fed.projects.length })}
        </Typography.Text>
      )}
      {investmentsDiffer(entry.investment, shown) && (
        <Tag color="warning" data-testid={`project-investment-mismatch-${fed.indicatorId}`}>
          {t('projects.investmentMismatch')}
        </Tag>
      )}
    </Space>
  );
}

/** The report's form: each indicator's value by its id, and the three texts. */
interface ReportFields {
  values: Record<string, number | null>;
  texts: ReportTexts;
}

const NO_TEXTS: ReportTexts = { progress: '', problems: '', nextSteps: '' };
const TEXT_FIELDS = ['progress', 'problems', 'nextSteps'] as const;

/** 完成情况, 存在问题, 下一步打算: written with the values, read by the head and the assessors. */
function ReportTextsFields({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
      {TEXT_FIELDS.map((field) => (
        <div key={field}>
          <Typography.Text strong>
            <label htmlFor={`text-${field}`}>{t(field)}</label>
          </Typography.Text>
          <Form.Item name={['texts', field]} style={{ marginBottom: 0 }}>
            <Input.TextArea
              id={`text-${field}`}
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={4000}
              readOnly={!editable}
            />
          </Form.Item>
        </div>
      ))}
    </Space>
  );
}

/** What every step panel of the report needs: the report's path, the report, and what its steps change. */
interface StepPanel {
  path: string;
  report: MonthReport;
  changed: readonly QueryKey[];
}

/**
 * A comment form of one or two steps (sign off or send back; approve or return): a refusal that
 * belongs to the comment (RETURN_COMMENT_REQUIRED) or the schema's problem at `comment` shows
 * beside it, anything else above the buttons.
 */
function useCommentStep<Decision extends string>(
  send: (decision: Decision, comment: string | undefined) => Promise<unknown>,
  changed: readonly QueryKey[],
) {
  const [form] = Form.useForm<{ comment?: string }>();
  const besideFields = useRefusalBesideFields();
  const [leftOver, setLeftOver] = useState<unknown>(null);
  const step = useStep(
    (decision: Decision) => send(decision, form.getFieldValue('comment')?.trim() || undefined),
    changed,
  );
  const mutate = (decision: Decision) => {
    setLeftOver(null);
    step.mutate(decision, {
      onError: (error) => {
        const placed = besideFields(form, error, {
          fields: ['comment'],
          fieldOfCode: { RETURN_COMMENT_REQUIRED: 'comment' },
        });
        if (!placed) setLeftOver(error);
      },
    });
  };
  return { form, step, mutate, leftOver };
}

/** The head signs the submitted report off (it goes to the assessors) or sends it back with a comment. */
function HeadSignOff({ path, report, changed }: StepPanel) {
  const { t } = useI18n();
  const {
    form,
    step: decide,
    mutate,
    leftOver,
  } = useCommentStep(
    (decision: 'confirm' | 'send_back', comment) =>
      api.post(`${path}/confirmation`, checked(confirmReportBody, { decision, comment })),
    changed,
  );
  const awaiting = report.status === 'awaiting_confirmation';
  if (!awaiting && !decide.isSuccess) return null;
  return (
    <ProCard title={t('headSignOff')} size="small" style={{ marginTop: 12 }}>
      <Form form={form} name="head-sign-off" component={false}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {awaiting && (
            <Form.Item name="comment" style={{ marginBottom: 0 }}>
              <NoteField label="headComment" />
            </Form.Item>
          )}
          <RefusalAlert error={leftOver} />
          {decide.isSuccess && (
            <Alert
              type="success"
              showIcon
              message={decide.variables === 'confirm' ? t('reportConfirmed') : t('reportSentBack')}
            />
          )}
          {awaiting && (
            <Space wrap>
              <Button type="primary" onClick={() => mutate('confirm')} loading={decide.isPending}>
                {t('confirmReport')}
              </Button>
              <Button danger onClick={() => mutate('send_back')} loading={decide.isPending}>
                {t('sendBack')}
              </Button>
            </Space>
          )}
        </Space>
      </Form>
    </ProCard>
  );
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function ReportFacts({ report, dateTime }: { report: MonthReport; dateTime: (iso: string | null) => string }) {
  const { t, tc } = useI18n();
  return (
    <ProCard size="small">
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        <Descriptions.Item label={t('status')}>{tc(report.status, 'report')}</Descriptions.Item>
        <Descriptions.Item label={t('dueAt')}>{dateTime(report.dueAt)}</Descriptions.Item>
        {report.headComment && (
          <Descriptions.Item label={t('headComment')}>
            <Typography.Text data-testid="head-comment">{report.headComment}</Typography.Text>
          </Descriptions.Item>
        )}
        {report.reviewComment && (
          <Descriptions.Item label={t('reviewComment')}>
            <Typography.Text data-testid="review-comment">{report.reviewComment}</Typography.Text>
          </Descriptions.Item>
        )}
        {report.extension && (
          <Descriptions.Item label={t('extension')}>
            {dateTime(report.extension.until)} · {report.extension.reason} · <Tag>{report.extension.status}</Tag>
          </Descriptions.Item>
        )}
      </Descriptions>
    </ProCard>
  );
}

interface ExtensionFields {
  until?: Dayjs | null;
  reason?: string;
}

/** The unit asks for more time: until when and why; the API's refusals land beside the field they concern. */
function ExtensionRequest({ path, report, changed }: StepPanel) {
  const { t } = useI18n();
  const [form] = Form.useForm<ExtensionFields>();
  const besideFields = useRefusalBesideFields();
  const [leftOver, setLeftOver] = useState<unknown>(null);
  const request = useStep(
    ({ until, reason }: ExtensionFields) =>
      api.post(
        `${path}/extension`,
        checked(requestExtensionBody, { until: until ? until.toISOString() : null, reason: reason ?? '' }),
      ),
    changed,
  );
  const finish = (fields: ExtensionFields) => {
    setLeftOver(null);
    request.mutate(fields, {
      onError: (error) => {
        const placed = besideFields(form, error, {
          fields: ['until', 'reason'],
          fieldOfCode: {
            EXTENSION_REASON_REQUIRED: 'reason',
            EXTENSION_NOT_LATER: 'until',
            EXTENSION_TOO_LONG: 'until',
          },
        });
        if (!placed) setLeftOver(error);
      },
    });
  };
  if (report.status === 'approved' || report.extension) return null;
  return (
    <ProCard title={t('requestExtension')} size="small" style={{ marginTop: 12 }} collapsible defaultCollapsed>
      <Form<ExtensionFields> form={form} name="extension" onFinish={finish} data-testid="extension-form">
        <Form.Item name="until">
          <DatePicker showTime aria-label={t('extendUntil')} placeholder={t('extendUntil')} />
        </Form.Item>
        <Form.Item name="reason">
          <NoteField label="reason" />
        </Form.Item>
        <RefusalAlert error={leftOver} />
        <Button htmlType="submit" loading={request.isPending}>
          {t('requestExtension')}
        </Button>
      </Form>
    </ProCard>
  );
}

function AssessorPanel({ path, report, rated, changed }: StepPanel & { rated: Indicator[] }) {
  const { t } = useI18n();
  const [ratings, setRatings] = useState<Record<string, number | null>>({});
  const {
    form,
    step: review,
    mutate: decide,
    leftOver,
  } = useCommentStep(
    (decision: 'approve' | 'return', comment) =>
      api.post(`${path}/review`, checked(reviewReportBody, { decision, comment })),
    changed,
  );
  const rate = useStep(
    (indicatorId: string) =>
      api.post(`${path}/ratings`, checked(rateIndicatorBody, { indicatorId, value: ratings[indicatorId] })),
    changed,
  );
  const extension = useStep(
    (approve: boolean) => api.post(`${path}/extension/decision`, checked(decideExtensionBody, { approve })),
    changed,
  );
  return (
    <ProCard title={t('reviewQueue')} size="small" style={{ marginTop: 12 }}>
      {rated.length > 0 && (
        <>
          <Typography.Title level={5}>{t('rating')}</Typography.Title>
          {rated.map((indicator) => (
            <Space key={indicator.id} wrap style={{ marginBottom: 8 }}>
              <label htmlFor={`rating-${indicator.id}`}>{indicator.name}</label>
              <InputNumber
                id={`rating-${indicator.id}`}
                value={ratings[indicator.id] ?? report.ratings[indicator.id] ?? null}
                onChange={(value) => setRatings((current) => ({ ...current, [indicator.id]: value }))}
              />
              <Button size="small" onClick={() => rate.mutate(indicator.id)} loading={rate.isPending}>
                {t('rate_')}
              </Button>
            </Space>
          ))}
          <RefusalAlert error={rate.error} />
        </>
      )}
      {report.extension?.status === 'requested' && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{t('extension')}</Typography.Text>
          <Button onClick={() => extension.mutate(true)}>{t('approve')}</Button>
          <Button danger onClick={() => extension.mutate(false)}>
            {t('reject')}
          </Button>
          <RefusalAlert error={extension.error} />
        </Space>
      )}
      {report.status === 'submitted' && (
        <Form form={form} name="review" component={false}>
          <Space direction="vertical" style={{ width: '100%' }} data-testid="review-form">
            <Form.Item name="comment" style={{ marginBottom: 0 }}>
              <NoteField label="reviewComment" />
            </Form.Item>
            <RefusalAlert error={leftOver} />
            <Space wrap>
              <Button type="primary" onClick={() => decide('approve')} loading={review.isPending}>
                {t('approve')}
              </Button>
              <Button danger onClick={() => decide('return')} loading={review.isPending}>
                {t('returnReport')}
              </Button>
            </Space>
          </Space>
        </Form>
      )}
    </ProCard>
  );
}
