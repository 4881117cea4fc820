import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, Empty, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { BoardIndicatorView, BoardLinkCreatedView, BoardUnitView, BoardView } from '@jiebang/contracts/http/board';
import type { BulletinVersionView } from '@jiebang/contracts/http/bulletin';
import { api, ApiRefusal, seg } from '../api/client';
import {
  changes,
  cycleKeys,
  useBoard,
  useBulletinDraft,
  useBulletins,
  useCycleStatus,
  usePublicLinks,
  usePublicLinksSetting,
  settingKeys,
  useStep,
} from '../api/queries';
import type { Json } from '../api/types';
import { useCycle } from '../components/cycle';
import { LightMark, round2, useDateTime } from '../components/format';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

const BoardTrendChart = lazy(() => import('../components/board-trend-chart'));

type Board = Json<BoardView>;
type BoardUnit = Json<BoardUnitView>;
type BoardIndicator = Json<BoardIndicatorView>;

/**
 * 挂图作战: per category the month's ranking with movement, each indicator's light and plan-to-date %,
 * lagging and vetoed units, strong and weak indicators, gaps and pace, and trends. `?wall=1` is the
 * wall screen: no menus, large type.
 */
export function BoardPage() {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const { has } = useSession();
  const [search, setSearch] = useSearchParams();
  const wall = search.get('wall') === '1';
  const status = useCycleStatus(cycle?.id);
  const visibleStages = has('ASSESSOR')
    ? ['provisional', 'appeals', 'final', 'published']
    : has('LEADERSHIP')
      ? ['final', 'published']
      : ['published'];
  const ranked = (status.data?.months ?? []).filter(
    (month) => month.version > 0 && visibleStages.includes(month.stage),
  );
  const month = Number(search.get('month')) || ranked.at(-1)?.month || 1;
  const board = useBoard(cycle?.id, month);
  const dateTime = useDateTime();
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setSearch(next);
  };

  const monthSelect = (
    <Select
      aria-label={t('month')}
      value={month}
      style={{ width: 110 }}
      onChange={(value) => setParam('month', String(value))}
      options={Array.from({ length: 12 }, (_, index) => ({ value: index + 1, label: t('monthN', { n: index + 1 }) }))}
    />
  );
  const content = board.data ? (
    <BoardContent board={board.data} wall={wall} updated={dateTime(new Date(board.dataUpdatedAt).toISOString())} />
  ) : (
    <ProCard>
      <RefusalAlert error={board.error} />
      <Empty description={t('board.none')} />
    </ProCard>
  );

  if (wall)
    return (
      <div className="jiebang-board-wall" data-testid="board-wall">
        <div className="jiebang-board-wall-header">
          <Typography.Title level={1}>
            {cycle?.name} · {t('board.title')} · {t('monthN', { n: month })}
          </Typography.Title>
          <Space>
            {monthSelect}
            <Button onClick={() => setParam('wall', null)}>{t('board.exitWall')}</Button>
          </Space>
        </div>
        {content}
      </div>
    );
  return (
    <PageContainer
      title={t('board.title')}
      extra={
        <Space wrap>
          {monthSelect}
          <Button onClick={() => setParam('wall', '1')}>{t('board.wall')}</Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {content}
        {board.data && has('LEADERSHIP') && board.data.status === 'final' && <BulletinDraftCard month={month} />}
        {board.data && board.data.status === 'published' && <BulletinVersionsCard month={month} />}
        {board.data && board.data.status === 'published' && has('ASSESSOR', 'LEADERSHIP') && (
          <PublicLinkCard month={month} />
        )}
      </Space>
    </PageContainer>
  );
}

function BoardContent({ board, wall, updated }: { board: Board; wall: boolean; updated: string }) {
  const { t, tc } = useI18n();
  const names = useMemo(
    () =>
      new Map(
        board.categories.flatMap((category) =>
          category.units.flatMap((unit) => unit.indicators.map((row) => [row.indicator, row.name] as const)),
        ),
      ),
    [board],
  );
  const { counts } = board;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={wall ? 'large' : 'middle'}>
      <ProCard size="small">
        <Space wrap>
          <Tag color={board.status === 'published' ? 'green' : 'orange'} data-board-status={board.status}>
            {tc(board.status)}
          </Tag>
          <Typography.Text data-testid="board-summary">
            {t('board.summary', {
              ...counts.lights,
              units: counts.units,
              lagging: counts.lagging,
              vetoed: counts.vetoed,
            })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('board.updated', { time: updated })}</Typography.Text>
        </Space>
      </ProCard>
      {board.categories.map((category) => (
        <ProCard key={category.id} title={category.name} size="small" data-category={category.id}>
          <BoardTable units={category.units} indicatorName={(id) => names.get(id) ?? id} wall={wall} />
        </ProCard>
      ))}
      <Trends board={board} />
    </Space>
  );
}

function Movement({ movement }: { movement: number | null }) {
  const { t } = useI18n();
  if (movement === null) return <span data-movement="none">—</span>;
  if (movement > 0)
    return (
      <span className="jiebang-up" data-movement={movement}>
        ↑{movement}
      </span>
    );
  if (movement < 0)
    return (
      <span className="jiebang-down" data-movement={movement}>
        ↓{-movement}
      </span>
    );
  return <span data-movement="0">{t('board.steady')}</span>;
}

/** Above this many units a category's table renders only the rows in view. */
const VIRTUAL_FROM = 60;

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value)}%`);
const amount = (value: number) => String(Math.round(value * 100) / 100);

function BoardTable({
  units,
  indicatorName,
  wall,
}: {
  units: BoardUnit[];
  indicatorName: (id: string) => string;
  wall: boolean;
}) {
  const { t } = useI18n();
  // A 1,000-unit district: only the rows in view are rendered, as on the ranking page.
  const virtual = units.length > VIRTUAL_FROM;
  return (
    <Table<BoardUnit>
      size={wall ? 'large' : 'small'}
      rowKey="unit"
      pagination={false}
      virtual={virtual}
      scroll={virtual ? { x: 900, y: wall ? 720 : 560 } : { x: 900 }}
      dataSource={units}
      rowClassName={(row) => (row.lagging || row.vetoed ? 'jiebang-board-flagged' : '')}
      expandable={wall ? undefined : { expandedRowRender: (row) => <IndicatorDetail rows={row.indicators} /> }}
      columns={[
        { title: t('rank'), dataIndex: 'rank', width: 56 },
        { title: t('unit'), dataIndex: 'name', width: 120, fixed: 'left' },
        {
          title: `${t('lights')} / ${t('board.planPercent')}`,
          key: 'lights',
          width: 300,
          render: (_, row) => (
            <span className="jiebang-lights" data-unit={row.unit}>
              {row.indicators.map((indicator) =>
                indicator.light ? (
                  <span key={indicator.indicator} title={indicator.name} className="jiebang-board-light">
                    <LightMark light={indicator.light} /> {percent(indicator.planPercent)}
                  </span>
                ) : null,
              )}
              {!row.reported && <Tag>{t('notReported')}</Tag>}
            </span>
          ),
        },
        { title: t('score'), dataIndex: 'score', width: 80, render: (score: number) => round2(score) },
        {
          title: t('board.movement'),
          dataIndex: 'movement',
          width: 90,
          render: (movement: number | null) => <Movement movement={movement} />,
        },
        {
          title: `${t('board.strong')} / ${t('board.weak')}`,
          key: 'strongWeak',
          width: 220,
          render: (_, row) => (
            <Space size={2} wrap>
              {row.strong.map((id) => (
                <Tag key={id} color="green" data-strong={id}>
                  优 {indicatorName(id)}
                </Tag>
              ))}
              {row.weak.map((id) => (
                <Tag key={id} color="red" data-weak={id}>
                  弱 {indicatorName(id)}
                </Tag>
              ))}
            </Space>
          ),
        },
        {
          title: t('lagging'),
          key: 'lagging',
          width: 120,
          render: (_, row) => (
            <>
              {row.lagging && (
                <Tag color="red" data-lagging={row.unit}>
                  {t('lagging')}
                </Tag>
              )}
              {row.vetoed && <Tag color="magenta">{t('veto')}</Tag>}
            </>
          ),
        },
      ]}
    />
  );
}

function GapText({ row }: { row: BoardIndicator }) {
  const { t } = useI18n();
  const gap = row.gap;
  if (!gap) return <>—</>;
  switch (gap.status) {
    case 'reached':
      return <Tag color="green">{t('board.reached')}</Tag>;
    case 'out_of_reach':
      return <Tag color="red">{t('board.outOfReach')}</Tag>;
    case 'within_limit':
      return (
        <>
          {t('board.allowance')} {amount(gap.pace ?? 0)}
        </>
      );
    case 'closing':
      return (
        <>
          {amount(gap.gap)} · {t('board.pace')} {amount(gap.pace ?? 0)}
        </>
      );
  }
}

function IndicatorDetail({ rows }: { rows: BoardIndicator[] }) {
  const { t } = useI18n();
  return (
    <Table<BoardIndicator>
      size="small"
      rowKey="indicator"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('indicator'), dataIndex: 'name' },
        { title: t('dimension'), dataIndex: 'dimension' },
        {
          title: t('lights'),
          dataIndex: 'light',
          render: (light: BoardIndicator['light']) => (light ? <LightMark light={light} /> : '—'),
        },
        { title: t('board.planPercent'), dataIndex: 'planPercent', render: percent },
        {
          title: t('board.actual'),
          dataIndex: 'actual',
          render: (value: number | null) => (value === null ? '—' : amount(value)),
        },
        { title: t('target'), dataIndex: 'target' },
        { title: `${t('board.gap')} / ${t('board.pace')}`, key: 'gap', render: (_, row) => <GapText row={row} /> },
      ]}
    />
  );
}

function Trends({ board }: { board: Board }) {
  const { t } = useI18n();
  const units = board.categories.flatMap((category) => category.units);
  const [chosen, setChosen] = useState<string | undefined>();
  const unit = units.find((each) => each.unit === chosen) ?? units[0];
  if (!unit) return null;
  const unitSeries = units.slice(0, 20).map((each) => ({
    name: each.name,
    values: board.trends.units[each.unit]?.score ?? [],
  }));
  const indicatorSeries = unit.indicators.map((row) => ({
    name: row.name,
    values: board.trends.indicators[row.indicator]?.planPercent ?? [],
  }));
  return (
    <Suspense fallback={null}>
      <ProCard gutter={16} wrap size="small">
        <ProCard title={t('board.trendUnits')} colSpan={{ xs: 24, md: 12 }} size="small">
          <BoardTrendChart months={board.trends.months} series={unitSeries} label={t('board.trendUnits')} />
        </ProCard>
        <ProCard
          title={t('board.trendIndicators')}
          colSpan={{ xs: 24, md: 12 }}
          size="small"
          extra={
            <Select
              aria-label={t('board.trendUnit')}
              value={unit.unit}
              style={{ width: 160 }}
              onChange={setChosen}
              options={units.map((each) => ({ value: each.unit, label: each.name }))}
            />
          }
        >
          <BoardTrendChart months={board.trends.months} series={indicatorSeries} label={t('board.trendIndicators')} />
        </ProCard>
      </ProCard>
    </Suspense>
  );
}

/** Opens a PDF the API sends (it needs the session's token, so not a plain link). */
async function openPdf(path: string): Promise<void> {
  const blob = await api.download(path);
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function BulletinDraftCard({ month }: { month: number }) {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const base = `/cycles/${seg(cycle!.id)}/months/${month}`;
  const draft = useBulletinDraft(cycle!.id, month);
  const [edits, setEdits] = useState<{ opening?: string; closing?: string }>({});
  const opening = edits.opening ?? draft.data?.opening ?? '';
  const closing = edits.closing ?? draft.data?.closing ?? '';
  const draftKey = cycleKeys.bulletinDraft(cycle!.id, month);
  const save = useStep(() => api.put(`${base}/bulletin/draft`, { opening, closing }), [draftKey]);
  const publish = useStep(() => api.post(`${base}/bulletin`, { opening, closing }), changes.year(cycle!.id));
  const preview = useStep(async () => {
    await api.put(`${base}/bulletin/draft`, { opening, closing });
    await openPdf(`${base}/bulletin/preview`);
  }, [draftKey]);
  return (
    <ProCard title={t('bulletin.title')} size="small" data-testid="bulletin-draft">
      <Space direction="vertical" style={{ width: '100%' }}>
        <label>
          {t('bulletin.opening')}
          <Input.TextArea
            rows={3}
            maxLength={4000}
            value={opening}
            onChange={(event) => setEdits({ ...edits, opening: event.target.value })}
          />
        </label>
        <label>
          {t('bulletin.closing')}
          <Input.TextArea
            rows={3}
            maxLength={4000}
            value={closing}
            onChange={(event) => setEdits({ ...edits, closing: event.target.value })}
          />
        </label>
        <RefusalAlert error={save.error ?? publish.error ?? preview.error} />
        <Space wrap>
          <Button onClick={() => save.mutate(undefined)} loading={save.isPending}>
            {t('bulletin.save')}
          </Button>
          <Button onClick={() => preview.mutate(undefined)} loading={preview.isPending}>
            {t('bulletin.preview')}
          </Button>
          <Button type="primary" onClick={() => publish.mutate(undefined)} loading={publish.isPending}>
            {t('bulletin.publish')}
          </Button>
        </Space>
      </Space>
    </ProCard>
  );
}

function BulletinVersionsCard({ month }: { month: number }) {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const base = `/cycles/${seg(cycle!.id)}/months/${month}`;
  const versions = useBulletins(cycle!.id, month);
  const dateTime = useDateTime();
  return (
    <ProCard title={t('bulletin.versions')} size="small" data-testid="bulletin-versions">
      <Table<BulletinVersionView>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={versions.data ?? []}
        columns={[
          { title: t('version'), dataIndex: 'version', render: (n: number) => t('bulletin.version', { n }) },
          { title: t('bulletin.publishedAt'), dataIndex: 'publishedAt', render: dateTime },
          {
            title: 'SHA-256',
            dataIndex: 'sha256',
            render: (sha: string) => <Typography.Text code>{sha.slice(0, 16)}…</Typography.Text>,
          },
          {
            title: '',
            key: 'download',
            render: (_, row) => (
              <Button size="small" onClick={() => void openPdf(`${base}/bulletins/${row.version}`)}>
                {t('bulletin.download')}
              </Button>
            ),
          },
        ]}
      />
    </ProCard>
  );
}

function PublicLinkCard({ month }: { month: number }) {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const path = `/cycles/${seg(cycle!.id)}/months/${month}/public-link`;
  const links = usePublicLinks(cycle!.id, month);
  const [made, setMade] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useStep(async () => {
    try {
      const link = await api.post<BoardLinkCreatedView>(path);
      setMade(`${window.location.origin}${link.path}`);
    } catch (error) {
      // Switched off since this page read the switch (by someone else): show it off now.
      if (error instanceof ApiRefusal && error.body.code === 'PUBLIC_LINKS_OFF')
        void queryClient.invalidateQueries({ queryKey: settingKeys.publicLinks() });
      throw error;
    }
  }, [cycleKeys.publicLink(cycle!.id, month)]);
  const revoke = useStep(async () => {
    await api.delete(path);
    setMade(null);
  }, [cycleKeys.publicLink(cycle!.id, month)]);
  // The district's switch (LEADERSHIP turns it; off revokes every link and refuses new ones).
  const { has } = useSession();
  const setting = usePublicLinksSetting();
  const enabled = setting.data?.enabled ?? true;
  const switchLinks = useStep(
    async (on: boolean) => {
      await api.put('/settings/public-board-links', { enabled: on });
      if (!on) setMade(null);
    },
    [settingKeys.publicLinks(), cycleKeys.months(cycle!.id)],
  );
  return (
    <ProCard title={t('board.publicLink')} size="small" data-testid="board-public-link">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Switch
            aria-label={t('board.linksSwitch')}
            checked={enabled}
            disabled={!has('LEADERSHIP') || setting.isLoading}
            loading={switchLinks.isPending}
            onChange={(on) => switchLinks.mutate(on)}
            data-testid="board-links-switch"
          />
          <Typography.Text>{t(enabled ? 'board.linksOn' : 'board.linksOff')}</Typography.Text>
        </Space>
        <Typography.Text>{t('board.linksOpen', { n: links.data?.links.length ?? 0 })}</Typography.Text>
        {made && (
          <Typography.Text copyable data-testid="board-public-url">
            {made}
          </Typography.Text>
        )}
        <RefusalAlert error={create.error ?? revoke.error ?? switchLinks.error} />
        <Space wrap>
          <Button onClick={() => create.mutate(undefined)} loading={create.isPending} disabled={!enabled}>
            {t('board.makeLink')}
          </Button>
          <Button danger onClick={() => revoke.mutate(undefined)} loading={revoke.isPending}>
            {t('board.revokeLinks')}
          </Button>
        </Space>
      </Space>
    </ProCard>
  );
}
