import { Tag } from 'antd';
import type { Indicator } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { StackedTable } from './stacked-table';

/** A unit's target list (榜单): every indicator with its target, floor and weight. */
export function IndicatorTable({ indicators }: { indicators: Indicator[] }) {
  const { t, tc } = useI18n();
  return (
    // On a phone, one block per indicator: its target, floor and weight beside their labels.
    <StackedTable<Indicator>
      rowKey="id"
      scroll={{ x: 560 }}
      rows={indicators}
      columns={[
        { title: t('indicator'), dataIndex: 'name' },
        { title: t('dimension'), dataIndex: 'dimension' },
        {
          title: t('direction'),
          dataIndex: 'direction',
          render: (_, row) => (
            <>
              <Tag>{tc(row.direction)}</Tag>
              <Tag>{tc(row.measure)}</Tag>
            </>
          ),
        },
        { title: t('target'), dataIndex: 'satisfactory' },
        { title: t('floor'), dataIndex: 'disallowed' },
        { title: t('weight'), dataIndex: 'weight' },
      ]}
    />
  );
}
