import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Descriptions, List, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { seg } from '../api/client';
import { useCases, useSupervisionItems, useUnit } from '../api/queries';
import type { MonthReport } from '../api/types';
import { useCycle } from '../components/cycle';
import { round2, useDateTime } from '../components/format';
import { RefusalAlert } from '../components/refusal-alert';
import { StackedTable } from '../components/stacked-table';
import { useI18n } from '../i18n/i18n';

const ScoreChart = lazy(() => import('../components/score-chart'));

/** A unit's year at a glance: each month's report, score, rank; the pledge; its cases and supervision items. */
export function UnitYearPage() {
  const { unitId } = useParams();
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const { cycle } = useCycle();
  const unit = useUnit(cycle?.id, unitId);
  const scope = cycle && unitId ? `cycleId=${seg(cycle.id)}&unitId=${seg(unitId)}` : null;
  const cases = useCases(scope);
  const items = useSupervisionItems(scope);
  const status = unit.data?.workflow;
  const outcomes = new Map((status?.outcomes ?? []).map((outcome) => [outcome.month, outcome]));

  return (
    <PageContainer title={unit.data ? `${unit.data.name} · ${t('unitYear')}` : t('unitYear')}>
      <RefusalAlert error={unit.error} />
      <ProCard direction="column" gutter={[0, 12]} ghost>
        <ProCard title={t('pledge')} size="small">
          {status?.pledge.signed ? (
            <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
              <Descriptions.Item label={t('status')}>
                <Tag color="green">{t('pledgeSigned')}</Tag>
                {status.pledge.late && <Tag color="orange">{t('late')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('signedBy')}>
                {unit.data?.pledge?.signedByName ?? status.pledge.signedBy}
              </Descriptions.Item>
              <Descriptions.Item label={t('time')}>{dateTime(status.pledge.signedAt)}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Paragraph>
              <Tag color="orange">{tc('pledge.sign')}</Tag> {t('dueAt')}: {dateTime(status?.pledge.deadline)}{' '}
              <Link to={`/units/${unitId}/pledge`}>{t('open')}</Link>
            </Typography.Paragraph>
          )}
        </ProCard>
        {(status?.outcomes.length ?? 0) > 0 && (
          <ProCard title={`${t('score')} / ${t('rank')}`} size="small">
            <Suspense fallback={null}>
              <ScoreChart outcomes={status!.outcomes} />
            </Suspense>
          </ProCard>
        )}
        <ProCard title={t('monthlyReport')} size="small">
          {/* On a phone, one block per month: its status, due date, score and rank beside their labels. */}
          <StackedTable<MonthReport>
            rowKey="month"
            scroll={{ x: 480 }}
            loading={unit.isLoading}
            rows={status?.reports ?? []}
            columns={[
              {
                title: t('month'),
                dataIndex: 'month',
                render: (_, report) => (
                  <Link to={`/units/${unitId}/reports/${report.month}`}>{t('monthN', { n: report.month })}</Link>
                ),
              },
              {
                title: t('status'),
                dataIndex: 'status',
                render: (_, report) => <Tag>{tc(report.status, 'report')}</Tag>,
              },
              { title: t('dueAt'), dataIndex: 'dueAt', render: (_, report) => dateTime(report.dueAt) },
              {
                title: t('score'),
                key: 'score',
                render: (_, report) => (outcomes.has(report.month) ? round2(outcomes.get(report.month)!.score) : '—'),
              },
              {
                title: t('rank'),
                key: 'rank',
                render: (_, report) => {
                  const outcome = outcomes.get(report.month);
                  if (!outcome) return '—';
                  return (
                    <>
                      {outcome.rank} {outcome.lagging && <Tag color="red">{t('lagging')}</Tag>}
                      {outcome.vetoed && <Tag color="magenta">{t('veto')}</Tag>}
                    </>
                  );
                },
              },
            ]}
          />
        </ProCard>
        <ProCard gutter={12} wrap ghost>
          <ProCard title={t('cases_')} size="small" colSpan={{ xs: 24, md: 12 }}>
            <List
              size="small"
              dataSource={cases.data ?? []}
              locale={{ emptyText: t('none') }}
              renderItem={(each) => (
                <List.Item>
                  <Link to={`/cases/${encodeURIComponent(each.caseId)}`}>
                    {tc(each.rung)} · {t('monthN', { n: each.month })}
                  </Link>
                  <Tag>{tc(each.status, 'case')}</Tag>
                </List.Item>
              )}
            />
          </ProCard>
          <ProCard title={t('supervisionItems')} size="small" colSpan={{ xs: 24, md: 12 }}>
            <List
              size="small"
              dataSource={items.data ?? []}
              locale={{ emptyText: t('none') }}
              renderItem={(item) => (
                <List.Item>
                  <Link to={`/supervision/${encodeURIComponent(item.id)}`}>{item.title}</Link>
                  <Tag color={item.overdue ? 'red' : undefined}>{tc(item.status, 'supervision')}</Tag>
                </List.Item>
              )}
            />
          </ProCard>
        </ProCard>
      </ProCard>
    </PageContainer>
  );
}
