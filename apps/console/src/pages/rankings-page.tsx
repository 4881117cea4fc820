import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { fileAppealBody } from '@jiebang/contracts/http/months';
import { api, checked, seg } from '../api/client';
import { changes, useCycleStatus, useRanking, useStep } from '../api/queries';
import type { RankingCause, UnitScore } from '../api/types';
import { useCycle } from '../components/cycle';
import { LightMark, round2 } from '../components/format';
import { useNames, type Names } from '../components/names';
import { NoteField } from '../components/note-field';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { DownloadButton } from '../components/download-button';

/** A month's ranking per category: score, rank, each indicator's light, lagging; its version and status. */
export function RankingsPage() {
  const { t, tc } = useI18n();
  const { cycle } = useCycle();
  const { user, has } = useSession();
  const status = useCycleStatus(cycle?.id);
  const [search, setSearch] = useSearchParams();
  const ranked = (status.data?.months ?? []).filter((month) => month.version > 0);
  const month = Number(search.get('month')) || ranked.at(-1)?.month || 1;
  const latest = ranked.find((each) => each.month === month)?.version ?? 0;
  const version = Number(search.get('version')) || undefined;
  const ranking = useRanking(cycle?.id, month, version, ranked.length > 0);
  const names = useNames();
  const categories = [...new Set((ranking.data?.units ?? []).map((unit) => unit.category))].sort();
  const cause = useRankingCause();

  return (
    <PageContainer
      title={t('rankings')}
      extra={
        <Space wrap>
          <DownloadButton
            path={
              cycle && latest > 0
                ? `/cycles/${seg(cycle.id)}/ledgers/ranking/${month}${version ? `?version=${version}` : ''}`
                : null
            }
            fileName={`${cycle?.id ?? ''}-${month}月排名台账.xlsx`}
          />
          <Select
            aria-label={t('month')}
            value={month}
            style={{ width: 110 }}
            onChange={(value) => setSearch({ month: String(value) })}
            options={Array.from({ length: 12 }, (_, index) => ({
              value: index + 1,
              label: t('monthN', { n: index + 1 }),
            }))}
          />
          {latest > 1 && (
            <Select
              aria-label={t('version')}
              value={ranking.data?.version ?? latest}
              style={{ width: 110 }}
              onChange={(value) => setSearch({ month: String(month), version: String(value) })}
              options={Array.from({ length: latest }, (_, index) => ({
                value: index + 1,
                label: `${t('version')} ${index + 1}`,
              }))}
            />
          )}
        </Space>
      }
    >
      <RefusalAlert error={ranking.error} />
      {!ranking.data ? (
        <ProCard>
          <Empty description={t('noRanking')} />
        </ProCard>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <ProCard size="small">
            <Space wrap>
              <Tag
                color={ranking.data.status === 'provisional' ? 'orange' : 'green'}
                data-ranking-status={ranking.data.status}
              >
                {tc(ranking.data.status)}
              </Tag>
              <Typography.Text data-testid="ranking-version">
                {t('version')} {ranking.data.version}
              </Typography.Text>
              <Typography.Text type="secondary" data-testid="ranking-cause">
                {ranking.data.cause ? cause(ranking.data.cause, names) : ranking.data.reason}
              </Typography.Text>
            </Space>
          </ProCard>
          {categories.map((category) => (
            <ProCard key={category} title={names.category(category)} size="small">
              <RankingTable
                units={ranking.data!.units.filter((unit) => unit.category === category)}
                unitName={names.unit}
              />
            </ProCard>
          ))}
          {has('UNIT_HEAD', 'UNIT_REPORTER') && ranking.data.status === 'provisional' && user?.unitId && (
            <AppealForm month={month} unitId={user.unitId} />
          )}
        </Space>
      )}
    </PageContainer>
  );
}

/** Above this many units a category's table renders only the rows in view (a 1,000-unit district stays fast). */
const VIRTUAL_FROM = 60;

export function RankingTable({ units, unitName }: { units: UnitScore[]; unitName: Names['unit'] }) {
  const { t } = useI18n();
  const virtual = units.length > VIRTUAL_FROM;
  return (
    <Table<UnitScore>
      size="small"
      rowKey="unit"
      pagination={false}
      virtual={virtual}
      scroll={virtual ? { x: 560, y: 560 } : { x: 560 }}
      dataSource={[...units].sort((a, b) => a.rank - b.rank)}
      columns={[
        // Rank and unit stay in place while a phone scrolls the lights sideways: a ranking is compared across.
        { title: t('rank'), dataIndex: 'rank', width: 64, fixed: 'left' },
        { title: t('unit'), dataIndex: 'unit', width: 120, fixed: 'left', render: (unit: string) => unitName(unit) },
        { title: t('score'), dataIndex: 'score', width: 80, render: (score: number) => round2(score) },
        {
          title: t('lights'),
          key: 'lights',
          width: 300,
          render: (_, row) => (
            <span className="jiebang-lights">
              {row.indicators.map((indicator) => (
                <LightMark key={indicator.indicator} light={indicator.light} />
              ))}
              {row.indicators
                .filter((indicator) => indicator.deemedFailed)
                .map((indicator) => (
                  <Tag
                    key={`failed-${indicator.indicator}`}
                    color="red"
                    data-testid={`deemed-failed-${indicator.indicator}`}
                  >
                    {t('ratingDeemedFailed')}：{indicator.indicator} {indicator.deemedFailed!.value.toFixed(2)} &lt;{' '}
                    {indicator.deemedFailed!.failBelow}
                  </Tag>
                ))}
              {!row.reported && <Tag>{t('notReported')}</Tag>}
            </span>
          ),
        },
        {
          title: t('lagging'),
          key: 'lagging',
          width: 120,
          render: (_, row) => (
            <>
              {row.lagging && <Tag color="red">{t('lagging')}</Tag>}
              {row.vetoed && <Tag color="magenta">{t('veto')}</Tag>}
            </>
          ),
        },
      ]}
    />
  );
}

/** Why a ranking version exists, in the person's language. */
function useRankingCause() {
  const { t } = useI18n();
  return (cause: RankingCause, names: Names): string => {
    switch (cause.kind) {
      case 'month_settled':
        return t('rankingCause.month_settled', { units: cause.units });
      case 'closed_by_assessor':
        return t('rankingCause.closed_by_assessor', { settled: cause.settled, units: cause.units });
      case 'appeal_corrected':
        return t('rankingCause.appeal_corrected', { unit: names.unit(cause.unitId), comment: cause.comment });
    }
  };
}

function AppealForm({ month, unitId }: { month: number; unitId: string }) {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const [reason, setReason] = useState('');
  const appeal = useStep(
    () => api.post(`/cycles/${seg(cycle!.id)}/months/${month}/appeals`, checked(fileAppealBody, { unitId, reason })),
    cycle ? changes.year(cycle.id) : [],
  );
  return (
    <ProCard title={t('fileAppeal')} size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <NoteField label="reason" value={reason} onChange={setReason} />
        <RefusalAlert error={appeal.error} />
        {appeal.isSuccess && <Tag color="green">{t('done')}</Tag>}
        <Button onClick={() => appeal.mutate(undefined)} loading={appeal.isPending}>
          {t('fileAppeal')}
        </Button>
      </Space>
    </ProCard>
  );
}
