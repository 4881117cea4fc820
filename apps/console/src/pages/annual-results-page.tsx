import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Empty, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { seg } from '../api/client';
import { useAnnualResults, useUnit } from '../api/queries';
import type { AnnualResults } from '../api/types';
import { useCycle } from '../components/cycle';
import { round2 } from '../components/format';
import { useNames } from '../components/names';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { DownloadButton } from '../components/download-button';

type AnnualResult = AnnualResults['results'][number];

/**
 * 年度考核结果: per category, each unit's year score and rank (its month-12 standing), whether it
 * completed its annual task and why not, and its year-end cases. Unit people see their own unit.
 */
export function AnnualResultsPage() {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const names = useNames();
  const annual = useAnnualResults(cycle?.id);
  const results = annual.data?.results ?? [];
  const categories = [...new Set(results.map((result) => result.categoryId))].sort();
  return (
    <PageContainer
      title={t('annualResults')}
      extra={
        <DownloadButton
          path={cycle ? `/cycles/${seg(cycle.id)}/ledgers/annual` : null}
          fileName={`${cycle?.id ?? ''}-年度考核结果.xlsx`}
        />
      }
    >
      <RefusalAlert error={annual.error} />
      {!annual.data?.decided ? (
        <ProCard>
          <Empty description={t('annualNotDecided')} />
        </ProCard>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {categories.map((category) => (
            <ProCard key={category} title={names.category(category)} size="small">
              <AnnualTable results={results.filter((result) => result.categoryId === category)} />
            </ProCard>
          ))}
        </Space>
      )}
    </PageContainer>
  );
}

function AnnualTable({ results }: { results: AnnualResult[] }) {
  const { t } = useI18n();
  const names = useNames();
  return (
    <Table<AnnualResult>
      size="small"
      rowKey="unitId"
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={[...results].sort((a, b) => a.yearRank - b.yearRank)}
      expandable={{ expandedRowRender: (row) => <AnnualDetail result={row} /> }}
      columns={[
        { title: t('yearRank'), dataIndex: 'yearRank', width: 80 },
        { title: t('unit'), dataIndex: 'unitId', render: (unitId: string) => names.unit(unitId) },
        { title: t('yearScore'), dataIndex: 'yearScore', width: 100, render: (score: number) => round2(score) },
        {
          title: t('outcome'),
          key: 'outcome',
          render: (_, row) => (
            <Space size={4} wrap data-annual={row.completed ? 'completed' : 'not-completed'}>
              <Tag color={row.completed ? 'green' : 'red'}>
                {row.completed ? t('annualCompleted') : t('annualNotCompleted')}
              </Tag>
              {row.vetoed && <Tag color="magenta">{t('veto')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('yearEndCases'),
          key: 'cases',
          render: (_, row) => (row.cases.length > 0 ? row.cases.length : '—'),
        },
      ]}
    />
  );
}

/** Why the annual task is (not) completed, with the indicators by name, and the year-end cases. */
function AnnualDetail({ result }: { result: AnnualResult }) {
  const { t, tc } = useI18n();
  const { cycle } = useCycle();
  const unit = useUnit(cycle?.id, result.unitId);
  const indicatorName = (id: string) => unit.data?.indicators.find((indicator) => indicator.id === id)?.name ?? id;
  const task = result.explanation;
  const reasons = [
    task.vetoedSince !== null ? t('why.vetoedSince', { month: task.vetoedSince }) : '',
    task.reported ? '' : t('why.noFinalReport'),
    task.shortOf.length > 0
      ? t('why.shortOf', { indicators: task.shortOf.map(indicatorName).join(t('listSeparator')) })
      : '',
  ].filter(Boolean);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {reasons.length > 0 && (
        <Typography.Text data-testid="annual-reasons">{reasons.join(t('clauseSeparator'))}</Typography.Text>
      )}
      <List
        size="small"
        dataSource={result.cases}
        locale={{ emptyText: t('none') }}
        renderItem={(each) => (
          <List.Item>
            <Link to={`/cases/${encodeURIComponent(each.caseId)}`}>{tc(each.rung)}</Link>
            <Tag>{tc(each.status, 'case')}</Tag>
          </List.Item>
        )}
      />
    </Space>
  );
}
