import type { EntityManager } from 'typeorm';
import { ratedMonthsOf, raterGroupKind, type Panels, type RaterGroup } from '@jiebang/domain';

/** An indicator rated by many in a month, with what its raters are checked against. */
export interface RoundIndicator {
  indicatorId: string;
  unitId: string;
  /** Shown to raters who cannot read the cycle's units (a RATER, a link). */
  unitName: string;
  indicatorName: string;
  /** Below it the month's value is deemed failed (视为不合格); null when the indicator has none. */
  failBelow: number | null;
  category: string;
  raters: RaterGroup[];
}

/** What a round rates: its indicators, every unit's category, the policy's panels. */
export interface RoundScope {
  indicators: RoundIndicator[];
  categoryOf: Map<string, string>;
  panels: Panels;
}

/** One stored rating. */
export interface StoredRating {
  indicatorId: string;
  unitId: string;
  group: string;
  rater: string;
  score: number;
}

/** The indicators rated by many in `month` of the cycle, and what their raters are checked against. */
export async function roundScope(manager: EntityManager, cycleId: string, month: number): Promise<RoundScope> {
  const [cycle] = (await manager.query('SELECT policy FROM cycles WHERE id = $1', [cycleId])) as Array<{
    policy: { panels?: Panels };
  }>;
  const units = (await manager.query('SELECT id, name, category_id FROM units WHERE cycle_id = $1 ORDER BY id', [
    cycleId,
  ])) as Array<{ id: string; name: string; category_id: string }>;
  const categoryOf = new Map(units.map((unit) => [unit.id, unit.category_id]));
  const nameOf = new Map(units.map((unit) => [unit.id, unit.name]));
  const rows = (await manager.query(
    `SELECT id, name, unit_id, raters, rated_months, fail_below FROM indicators
      WHERE cycle_id = $1 AND raters IS NOT NULL ORDER BY unit_id, id`,
    [cycleId],
  )) as Array<{
    id: string;
    name: string;
    unit_id: string;
    raters: RaterGroup[];
    rated_months: number[] | null;
    fail_below: number | null;
  }>;
  const indicators = rows
    .filter((row) => ratedMonthsOf({ raters: row.raters, ratedMonths: row.rated_months ?? undefined }).includes(month))
    .map((row) => ({
      indicatorId: row.id,
      unitId: row.unit_id,
      unitName: nameOf.get(row.unit_id) ?? row.unit_id,
      indicatorName: row.name,
      failBelow: row.fail_below,
      category: categoryOf.get(row.unit_id) ?? '',
      raters: row.raters,
    }));
  return { indicators, categoryOf, panels: cycle?.policy.panels ?? {} };
}

/** The ratings stored for a round, ordered by indicator, group and rater. */
export async function roundRatings(manager: EntityManager, cycleId: string, month: number): Promise<StoredRating[]> {
  const rows = (await manager.query(
    `SELECT indicator_id, unit_id, rater_group, rater, score FROM ratings
      WHERE cycle_id = $1 AND month = $2 ORDER BY indicator_id, rater_group, rater`,
    [cycleId, month],
  )) as Array<{ indicator_id: string; unit_id: string; rater_group: string; rater: string; score: number }>;
  return rows.map((row) => ({
    indicatorId: row.indicator_id,
    unitId: row.unit_id,
    group: row.rater_group,
    rater: row.rater,
    score: row.score,
  }));
}

/** The ratings of one indicator as the rules take them: group -> rater -> score. */
export function ratingsOf(
  indicatorId: string,
  ratings: readonly StoredRating[],
): Record<string, Record<string, number>> {
  const byGroup: Record<string, Record<string, number>> = {};
  for (const rating of ratings) {
    if (rating.indicatorId !== indicatorId) continue;
    (byGroup[rating.group] ??= {})[rating.rater] = rating.score;
  }
  return byGroup;
}

/**
 * Who is expected to rate an indicator, per group other than the assessors (any assessor may): the
 * other units of the category for peers, the panel's members for a panel.
 */
export function expectedRaters(indicator: RoundIndicator, scope: RoundScope): Record<string, string[]> {
  const expected: Record<string, string[]> = {};
  for (const { group } of indicator.raters) {
    const kind = raterGroupKind(group);
    if (kind?.kind === 'peers')
      expected[group] = [...scope.categoryOf]
        .filter(([unit, category]) => category === indicator.category && unit !== indicator.unitId)
        .map(([unit]) => unit);
    else if (kind?.kind === 'panel') expected[group] = [...(scope.panels[kind.panel] ?? [])];
  }
  return expected;
}

/** The round's state, or null before it opens. */
export async function roundState(
  manager: EntityManager,
  cycleId: string,
  month: number,
): Promise<{ status: 'open' | 'closed'; closesAt: string } | null> {
  const [row] = (await manager.query('SELECT status, closes_at FROM rating_rounds WHERE cycle_id = $1 AND month = $2', [
    cycleId,
    month,
  ])) as Array<{ status: 'open' | 'closed'; closes_at: Date }>;
  return row ? { status: row.status, closesAt: row.closes_at.toISOString() } : null;
}

/**
 * Who has not rated every indicator they are expected to, per group (assessors are not listed: any
 * may rate); a rater who submitted is done, whatever they left unrated.
 */
export function notYetRated(
  scope: RoundScope,
  ratings: readonly StoredRating[],
  submitted: ReadonlySet<string> = new Set(),
): Record<string, string[]> {
  const missing = new Map<string, Set<string>>();
  for (const indicator of scope.indicators) {
    const rated = ratingsOf(indicator.indicatorId, ratings);
    for (const [group, raters] of Object.entries(expectedRaters(indicator, scope)))
      for (const rater of raters)
        if (rated[group]?.[rater] === undefined && !submitted.has(rater)) {
          let set = missing.get(group);
          if (!set) missing.set(group, (set = new Set()));
          set.add(rater);
        }
  }
  return Object.fromEntries([...missing].sort(([a], [b]) => a.localeCompare(b)).map(([g, r]) => [g, [...r].sort()]));
}

/**
 * Writes the reminders of a round into the outbox (delivery takes them from there): one notice to
 * the head of each peer unit not yet heard from, and one to each panel member with an account
 * (addressed to that account). `key` makes the notices of one reminding idempotent. Returns the
 * ids reminded; members without an account (who rate through a link) get none.
 */
export async function writeRatingReminders(
  manager: EntityManager,
  round: { cycleId: string; month: number; closesAt: string; key: string },
  notYet: Record<string, string[]>,
): Promise<string[]> {
  const subject = `第${round.month}月评议: 请在 ${round.closesAt} 前完成评分`;
  const peers = notYet.peers ?? [];
  const members = [
    ...new Set(
      Object.entries(notYet)
        .filter(([group]) => group.startsWith('panel:'))
        .flatMap(([, raters]) => raters),
    ),
  ].sort();
  const accounts = members.length
    ? ((await manager.query('SELECT id, roles FROM users WHERE id = ANY($1) AND NOT disabled', [members])) as Array<{
        id: string;
        roles: string[];
      }>)
    : [];
  const rows = [
    ...peers.map((unitId) => ({
      key: `rating-round:${round.cycleId}:${round.month}:${unitId}:${round.key}`,
      unitId,
      recipientRole: 'UNIT_HEAD',
      recipientUserId: null,
    })),
    ...accounts.map((account) => ({
      key: `rating-round:${round.cycleId}:${round.month}:user:${account.id}:${round.key}`,
      unitId: null,
      recipientRole: account.roles.includes('RATER') ? 'RATER' : account.roles[0],
      recipientUserId: account.id,
    })),
  ];
  for (const row of rows)
    await manager.query(
      `INSERT INTO notifications (key, cycle_id, unit_id, kind, recipient_role, recipient_user_id, subject, due_at, month)
       VALUES ($1, $2, $3, 'reminder', $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING`,
      [
        row.key,
        round.cycleId,
        row.unitId,
        row.recipientRole,
        row.recipientUserId,
        subject,
        new Date(round.closesAt),
        round.month,
      ],
    );
  return [...peers, ...accounts.map((account) => account.id)];
}

/** The raters who submitted their ratings of the round (评议提交). */
export async function roundSubmissions(manager: EntityManager, cycleId: string, month: number): Promise<Set<string>> {
  const rows = (await manager.query('SELECT rater FROM rating_submissions WHERE cycle_id = $1 AND month = $2', [
    cycleId,
    month,
  ])) as Array<{ rater: string }>;
  return new Set(rows.map((row) => row.rater));
}
