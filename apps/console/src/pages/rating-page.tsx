import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, seg } from '../api/client';
import { cycleKeys, useRatingRound, useStep } from '../api/queries';
import { useCycle } from '../components/cycle';
import { useDateTime } from '../components/format';
import { useNames } from '../components/names';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

/**
 * 评议打分 made for a phone: every unit the person rates on one screen, a 0–100 input each, saved
 * as soon as a score is entered (it can be changed until the round closes); below, the round's
 * progress per group (assessors also see who has not rated).
 */
export function RatingPage() {
  const { month } = useParams();
  const { t } = useI18n();
  const dateTime = useDateTime();
  const names = useNames();
  const { cycle } = useCycle();
  const path = cycle && month ? `/cycles/${seg(cycle.id)}/rating-rounds/${seg(month)}` : null;
  const round = useRatingRound(cycle?.id, month);
  const [saved, setSaved] = useState<Record<string, boolean>>({});
  const save = useStep(
    (input: { indicatorId: string; score: number }) =>
      api.put(`${path!}/ratings`, input).then(() => setSaved((was) => ({ ...was, [input.indicatorId]: true }))),
    cycle && month ? [cycleKeys.ratingRound(cycle.id, month)] : [],
  );
  const open = round.data?.status === 'open';

  return (
    <PageContainer title={`${t('rating')} · ${t('monthN', { n: month ?? '' })}`}>
      <RefusalAlert error={round.error} />
      {round.data && (
        <Alert
          type={open ? 'info' : 'success'}
          showIcon
          message={open ? `${t('ratingClosesAt')}: ${dateTime(round.data.closesAt)}` : t('ratingClosed')}
          style={{ marginBottom: 12 }}
        />
      )}
      {round.data && round.data.mine.length > 0 && (
        <ProCard title={t('ratingMine')} data-testid="rating-mine">
          <RefusalAlert error={save.error} />
          <Space direction="vertical" style={{ width: '100%' }}>
            {round.data.mine.map((item) => (
              <div
                key={item.indicatorId}
                style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}
              >
                <Typography.Text>{names.unit(item.unitId)}</Typography.Text>
                <Space>
                  {saved[item.indicatorId] && <Tag color="green">{t('ratingSaved')}</Tag>}
                  <InputNumber
                    aria-label={names.unit(item.unitId)}
                    min={0}
                    max={100}
                    inputMode="decimal"
                    disabled={!open}
                    defaultValue={item.score ?? undefined}
                    onBlur={(event) => {
                      const score = Number(event.target.value);
                      if (event.target.value !== '' && Number.isFinite(score))
                        save.mutate({ indicatorId: item.indicatorId, score });
                    }}
                  />
                </Space>
              </div>
            ))}
          </Space>
        </ProCard>
      )}
      {round.data && (
        <ProCard title={t('ratingProgress')} style={{ marginTop: 12 }} data-testid="rating-progress">
          <Table
            size="small"
            rowKey="indicatorId"
            pagination={false}
            dataSource={round.data.indicators}
            columns={[
              { title: t('unit'), dataIndex: 'unitId', render: (unitId: string) => names.unit(unitId) },
              {
                title: t('ratingGroups'),
                render: (_, row) => (
                  <Space direction="vertical" size={0}>
                    {row.groups.map((group) => (
                      <Typography.Text key={group.group}>
                        {group.group}: {group.rated}
                        {group.expected === null ? '' : ` / ${group.expected}`}
                        {group.notYet && group.notYet.length > 0
                          ? ` · ${t('ratingNotYet')}: ${group.notYet.join(', ')}`
                          : ''}
                      </Typography.Text>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('value'),
                dataIndex: 'value',
                render: (value: number | null) => (value === null ? '—' : value.toFixed(2)),
              },
            ]}
          />
        </ProCard>
      )}
    </PageContainer>
  );
}
