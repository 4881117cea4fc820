import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, Input, InputNumber, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { decideAppealBody } from '@jiebang/api/months/month.schemas';
import { recordVetoBody } from '@jiebang/api/vetoes/veto.schemas';
import { api, checked, seg } from '../api/client';
import { useCycleStatus, useStep } from '../api/hooks';
import type { MonthCloseState } from '../api/types';
import { useCycle } from '../components/cycle';
import { useDateTime } from '../components/format';
import { NoteField } from '../components/note-field';
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
      {has('ASSESSOR') && <VetoForm base={base} />}
    </PageContainer>
  );
}

/** 一票否决: an assessor records a veto event for a unit's month before it is ranked. */
function VetoForm({ base }: { base: string }) {
  const { t } = useI18n();
  const [unitId, setUnitId] = useState('');
  const [month, setMonth] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const veto = useStep(() =>
    api.post(`${base.replace(/\/months$/, '')}/vetoes`, checked(recordVetoBody, { unitId, month, reason })),
  );
  return (
    <ProCard title={t('recordVeto')} size="small" style={{ marginTop: 12 }} collapsible defaultCollapsed>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Input
            aria-label={t('unit')}
            placeholder={t('unit')}
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
          />
          <InputNumber
            aria-label={t('month')}
            placeholder={t('month')}
            min={1}
            max={12}
            value={month}
            onChange={setMonth}
          />
        </Space>
        <NoteField label="reason" value={reason} onChange={setReason} />
        <RefusalAlert error={veto.error} />
        {veto.isSuccess && <Tag color="green">{t('done')}</Tag>}
        <Button danger onClick={() => veto.mutate(undefined)} loading={veto.isPending}>
          {t('recordVeto')}
        </Button>
      </Space>
    </ProCard>
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
