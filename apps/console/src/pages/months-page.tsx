import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { decideAppealBody } from '../../../api/src/months/month.schemas';
import { api, checked, seg } from '../api/client';
import { useCycleStatus, useStep } from '../api/hooks';
import type { MonthCloseState } from '../api/types';
import { useCycle } from '../components/cycle';
import { useDateTime } from '../components/format';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

/** Each month's close: assessors close and rank and decide appeals; LEADERSHIP publishes the bulletin. */
export function MonthsPage() {
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const { cycle } = useCycle();
  const { has } = useSession();
  const status = useCycleStatus(cycle?.id);
  const base = cycle ? `/cycles/${seg(cycle.id)}/months` : '';
  const close = useStep((month: number) => api.post(`${base}/${month}/close`));
  const publish = useStep((month: number) => api.post(`${base}/${month}/bulletin`));
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
            { title: t('month'), dataIndex: 'month', render: (month: number) => t('monthN', { n: month }) },
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
                </Space>
              ),
            },
            {
              title: t('appealsOpenUntil'),
              dataIndex: 'appealsOpenUntil',
              render: (value: string | null) => dateTime(value),
            },
            {
              title: t('actions'),
              key: 'actions',
              render: (_, row) => (
                <Space wrap>
                  {has('ASSESSOR') && row.stage === 'collecting' && (
                    <Button size="small" onClick={() => close.mutate(row.month)} loading={close.isPending}>
                      {t('closeMonth')}
                    </Button>
                  )}
                  {has('LEADERSHIP') && row.stage === 'final' && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => publish.mutate(row.month)}
                      loading={publish.isPending}
                    >
                      {t('publishBulletin')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </ProCard>
    </PageContainer>
  );
}

function Appeals({ month, base }: { month: MonthCloseState; base: string }) {
  const { t } = useI18n();
  const { has } = useSession();
  const [comment, setComment] = useState('');
  const decide = useStep(({ unitId, decision }: { unitId: string; decision: 'uphold' | 'correct' }) =>
    api.post(
      `${base}/${month.month}/appeals/${seg(unitId)}/decision`,
      checked(decideAppealBody, { decision, comment }),
    ),
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {month.appeals.map((appeal) => (
        <Space key={appeal.unitId} wrap>
          <Tag>{appeal.unitId}</Tag> {appeal.reason} <Tag>{appeal.status}</Tag>
          {has('ASSESSOR') && appeal.status === 'open' && (
            <>
              <Input
                aria-label={t('comment')}
                placeholder={t('comment')}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
              <Button size="small" onClick={() => decide.mutate({ unitId: appeal.unitId, decision: 'uphold' })}>
                {t('uphold')}
              </Button>
            </>
          )}
        </Space>
      ))}
      <RefusalAlert error={decide.error} />
    </Space>
  );
}
