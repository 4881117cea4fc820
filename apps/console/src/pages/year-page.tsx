import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { YearCellView } from '@jiebang/contracts/http/board';
import { useAnnualResults, useYear, type Year } from '../api/queries';
import { useCycle } from '../components/cycle';
import { round2 } from '../components/format';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

type YearUnit = Year['categories'][number]['units'][number];

/**
 * A cell's colour by where the unit stands in its category: the top third green, the bottom red
 * (lagging or vetoed always red), the middle yellow. The rank is printed too: it reads without colour.
 */
function heatOf(cell: YearCellView, size: number): 'green' | 'yellow' | 'red' {
  if (cell.lagging || cell.vetoed) return 'red';
  const position = size > 1 ? (cell.rank - 1) / (size - 1) : 0;
  return position <= 1 / 3 ? 'green' : position < 2 / 3 ? 'yellow' : 'red';
}

/** 全年总览: months side by side per unit as a heat map of ranks, with the annual results once decided. */
export function YearPage() {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const year = useYear(cycle?.id);
  const annual = useAnnualResults(cycle?.id);
  const results = new Map((annual.data?.decided ? annual.data.results : []).map((result) => [result.unitId, result]));
  const months = Array.from({ length: 12 }, (_, index) => index + 1);
  return (
    <PageContainer title={t('year.title')}>
      <RefusalAlert error={year.error} />
      {!year.data ? (
        <ProCard>
          <Empty />
        </ProCard>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <ProCard size="small">
            <Space wrap>
              <Typography.Text>{t('year.legend')}</Typography.Text>
              <Link to="/annual-results">{t('annualResults')}</Link>
            </Space>
          </ProCard>
          {year.data.categories.map((category) => (
            <ProCard key={category.id} title={category.name} size="small">
              <Table<YearUnit>
                size="small"
                rowKey="unit"
                pagination={false}
                scroll={{ x: 1100 }}
                dataSource={category.units}
                columns={[
                  { title: t('unit'), dataIndex: 'name', width: 120, fixed: 'left' },
                  ...months.map((month) => ({
                    title: t('monthN', { n: month }),
                    key: `m${month}`,
                    width: 64,
                    render: (_: unknown, row: YearUnit) => {
                      const cell = row.months[month - 1];
                      if (!cell) return <span className="jiebang-heat-empty">—</span>;
                      const heat = heatOf(cell, category.size);
                      return (
                        <Link
                          to={`/board?month=${month}`}
                          className={`jiebang-heat jiebang-heat-${heat}`}
                          data-heat={heat}
                          data-month={month}
                          title={`${t('score')} ${round2(cell.score)} · ${t('green')} ${cell.lights.green} / ${t('yellow')} ${cell.lights.yellow} / ${t('red')} ${cell.lights.red}`}
                        >
                          {cell.rank}
                          {cell.vetoed ? '✕' : cell.lagging ? '!' : ''}
                        </Link>
                      );
                    },
                  })),
                  {
                    title: t('annualResults'),
                    key: 'annual',
                    width: 140,
                    render: (_: unknown, row: YearUnit) => {
                      const result = results.get(row.unit);
                      if (!result) return '—';
                      return (
                        <Space size={4}>
                          <span>
                            {t('rank')} {result.yearRank}
                          </span>
                          <Tag color={result.completed ? 'green' : 'red'}>
                            {result.completed ? t('year.completed') : t('year.notCompleted')}
                          </Tag>
                        </Space>
                      );
                    },
                  },
                ]}
              />
            </ProCard>
          ))}
        </Space>
      )}
    </PageContainer>
  );
}
