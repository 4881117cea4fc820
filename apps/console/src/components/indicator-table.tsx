import { Table, Tag } from 'antd';
import type { Indicator } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** A unit's target list (榜单): every indicator with its target, floor and weight. */
export function IndicatorTable({ indicators }: { indicators: Indicator[] }) {
  const { t, tc } = useI18n();
  return (
    <Table<Indicator>
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={indicators}
      columns={[
        { title: t('indicator'), dataIndex: 'name' },
        { title: t('dimension'), dataIndex: 'dimension' },
        {
          title: t('direction'),
          dataIndex: 'direction',
          render: (value: string, row) => (
            <>
              <Tag>{tc(value)}</Tag>
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
