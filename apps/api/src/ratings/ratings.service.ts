import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Client } from '@temporalio/client';
import { ratingRoundWorkflowId, type Actor, type Role } from '@jiebang/contracts';
import { closeRatingRoundNowSignal } from '@jiebang/contracts/temporal';
import { combineRatings, deemedFailed, raterSeat, ratingScoreSchema } from '@jiebang/domain';
import {
  expectedRaters,
  ratingsOf,
  roundRatings,
  roundScope,
  notYetRated,
  roundState,
  roundSubmissions,
  writeRatingReminders,
  type RoundScope,
} from '@jiebang/persistence';
import type { GroupProgressView, MyRatingView, RatingRoundView } from '@jiebang/contracts/http/ratings';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';

/** Who rates, as the rules seat them: an account, or a panel member through a link. */
export type RatingPerson = Pick<Actor, 'userId' | 'roles' | 'unitId'>;

/** How a rating came in, for its audit row: the rater's own account, a link, or an assessor's upload of a paper form. */
export interface RatingSource {
  /** Who is recorded as acting in the audit trail (the uploader for a workbook). */
  actor: Actor;
  via: 'account' | 'link' | 'workbook';
  linkId?: string;
}

/** One score to store. */
export interface ScoreEntry {
  indicatorId: string;
  score: unknown;
}

/** A rating round's step in 我的待办, shaped as the other pending steps. */
export interface RatingTask {
  step: 'rating.rate';
  role: Role;
  unitId?: string;
  month: number;
  dueAt: string;
  workflowId: string;
  workflowType: string;
  cycleId: string;
  overdue: boolean;
}

const SEES_WHO_HAS_NOT_RATED = ['ASSESSOR', 'ADMIN'];

/**
 * Ratings of a round (评议): a rater's own scores, changed until the round closes; progress per
 * group for everyone, who has not rated for assessors; individual scores of others never (they
 * are in the audit trail, which administrators read).
 */
@Injectable()
export class RatingsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(Client) private readonly client: Client,
  ) {}

  async round(actor: RatingPerson, cycleId: string, month: number): Promise<RatingRoundView> {
    const state = await roundState(this.dataSource.manager, cycleId, month);
    if (!state) throw new ApiException('NOT_FOUND', `No rating round for month ${month} of cycle ${cycleId}`);
    const scope = await roundScope(this.dataSource.manager, cycleId, month);
    const ratings = await roundRatings(this.dataSource.manager, cycleId, month);
    const seesWho = actor.roles.some((role) => SEES_WHO_HAS_NOT_RATED.includes(role));
    const mine: MyRatingView[] = [];
    const indicators = scope.indicators.map((indicator) => {
      const rated = ratingsOf(indicator.indicatorId, ratings);
      const seat = raterSeat(actor, indicator.raters, {
        unit: indicator.unitId,
        categoryOf: scope.categoryOf,
        panels: scope.panels,
      });
      if (!('refusal' in seat))
        mine.push({
          indicatorId: indicator.indicatorId,
          unitId: indicator.unitId,
          unitName: indicator.unitName,
          indicatorName: indicator.indicatorName,
          group: seat.group,
          score: rated[seat.group]?.[seat.rater] ?? null,
        });
      const expected = expectedRaters(indicator, scope);
      const groups = indicator.raters.map(({ group }): GroupProgressView => {
        const done = Object.keys(rated[group] ?? {});
        const all = expected[group];
        return {
          group,
          rated: done.length,
          expected: all?.length ?? null,
          ...(seesWho && all ? { notYet: all.filter((rater) => !done.includes(rater)) } : {}),
        };
      });
      const value = state.status === 'closed' ? combineRatings(indicator.raters, rated) : null;
      return {
        indicatorId: indicator.indicatorId,
        unitId: indicator.unitId,
        groups,
        value,
        failBelow: indicator.failBelow,
        deemedFailed: value !== null && deemedFailed({ failBelow: indicator.failBelow ?? undefined }, value),
      };
    });
    const submittedAt = await this.submittedAt(cycleId, month, raterIdsOf(actor, scope));
    return { cycleId, month, status: state.status, closesAt: state.closesAt, mine, submittedAt, indicators };
  }

  /** When any of `raters` submitted in the round, or null. */
  private async submittedAt(cycleId: string, month: number, raters: string[]): Promise<string | null> {
    if (raters.length === 0) return null;
    const [row] = (await this.dataSource.query(
      'SELECT min(submitted_at) AS at FROM rating_submissions WHERE cycle_id = $1 AND month = $2 AND rater = ANY($3)',
      [cycleId, month, raters],
    )) as Array<{ at: Date | null }>;
    return row?.at ? row.at.toISOString() : null;
  }

  /**
   * 我的待办 of a rater: one `rating.rate` step per open round in which the person still has units
   * to rate, due when the round closes.
   */
  async pendingFor(actor: Actor, cycleId?: string): Promise<RatingTask[]> {
    const rounds = (await this.dataSource.query(
      `SELECT cycle_id, month, closes_at FROM rating_rounds
        WHERE status = 'open' AND ($1::text IS NULL OR cycle_id = $1) ORDER BY closes_at, cycle_id, month`,
      [cycleId ?? null],
    )) as Array<{ cycle_id: string; month: number; closes_at: Date }>;
    const tasks: RatingTask[] = [];
    for (const round of rounds) {
      const view = await this.round(actor, round.cycle_id, round.month);
      const unrated = view.mine.filter((item) => item.score === null);
      if (unrated.length === 0 || view.submittedAt !== null) continue;
      const peer = unrated.some((item) => item.group === 'peers');
      tasks.push({
        step: 'rating.rate',
        role: peer ? 'UNIT_HEAD' : (actor.roles[0] ?? 'ASSESSOR'),
        month: round.month,
        dueAt: round.closes_at.toISOString(),
        workflowId: ratingRoundWorkflowId(round.cycle_id, round.month),
        workflowType: 'ratingRoundWorkflow',
        cycleId: round.cycle_id,
        overdue: false,
        ...(peer && actor.unitId ? { unitId: actor.unitId } : {}),
      });
    }
    return tasks;
  }

  /** Stores (or changes) the caller's score of one indicator while the round is open, with its audit row. */
  async rate(actor: Actor, cycleId: string, month: number, body: unknown): Promise<MyRatingView> {
    const { indicatorId, score } = (body ?? {}) as { indicatorId?: unknown; score?: unknown };
    const [stored] = await this.store(cycleId, month, actor, [{ indicatorId, score } as ScoreEntry], {
      actor,
      via: 'account',
    });
    return stored;
  }

  /**
   * Stores scores of one person in one transaction, each with its audit row: all of them or,
   * at the first refusal, none. Refused: a score outside 0..100 or not a number, an indicator
   * not rated in the month (400); a seat the rules do not give (403); the round closed or the
   * person's ratings submitted (409).
   */
  async store(
    cycleId: string,
    month: number,
    person: RatingPerson,
    entries: readonly ScoreEntry[],
    source: RatingSource,
  ): Promise<MyRatingView[]> {
    const scores = entries.map(({ indicatorId, score }) => {
      if (typeof indicatorId !== 'string') throw new ApiException('INVALID_RATING', 'indicatorId is required');
      const parsed = ratingScoreSchema.safeParse(score);
      if (!parsed.success)
        throw new ApiException(
          'INVALID_RATING',
          `${indicatorId}: score ${JSON.stringify(score)}: a rating is a number from 0 to 100`,
        );
      return { indicatorId, score: parsed.data };
    });
    return this.dataSource.transaction((manager) => this.storeIn(manager, cycleId, month, person, scores, source));
  }

  /** `store` inside the caller's transaction (an uploaded workbook stores every member's scores in one). */
  async storeIn(
    manager: EntityManager,
    cycleId: string,
    month: number,
    person: RatingPerson,
    scores: ReadonlyArray<{ indicatorId: string; score: number }>,
    source: RatingSource,
  ): Promise<MyRatingView[]> {
    const [round] = (await manager.query(
      'SELECT status FROM rating_rounds WHERE cycle_id = $1 AND month = $2 FOR SHARE',
      [cycleId, month],
    )) as Array<{ status: string }>;
    if (!round) throw new ApiException('NOT_FOUND', `No rating round for month ${month} of cycle ${cycleId}`);
    if (round.status !== 'open')
      throw new ApiException('MONTH_CLOSED', `The rating round of month ${month} is closed: ratings are final`);
    const scope = await roundScope(manager, cycleId, month);
    const stored: MyRatingView[] = [];
    for (const { indicatorId, score } of scores) {
      const indicator = scope.indicators.find((candidate) => candidate.indicatorId === indicatorId);
      if (!indicator) throw new ApiException('INVALID_RATING', `${indicatorId} is not rated by many in month ${month}`);
      const seat = raterSeat(person, indicator.raters, {
        unit: indicator.unitId,
        categoryOf: scope.categoryOf,
        panels: scope.panels,
      });
      if ('refusal' in seat) throw new ApiException('ROLE_NOT_ALLOWED', seat.refusal);
      const [submitted] = (await manager.query(
        'SELECT submitted_at FROM rating_submissions WHERE cycle_id = $1 AND month = $2 AND rater = $3',
        [cycleId, month, seat.rater],
      )) as Array<{ submitted_at: Date }>;
      if (submitted)
        throw new ApiException(
          'RATING_SUBMITTED',
          `${seat.rater} submitted the ratings of month ${month} at ${submitted.submitted_at.toISOString()}: they are final`,
        );
      await manager.query(
        `INSERT INTO ratings (cycle_id, month, indicator_id, unit_id, rater_group, rater, score, rated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (cycle_id, month, indicator_id, rater)
         DO UPDATE SET score = EXCLUDED.score, rated_by = EXCLUDED.rated_by, rated_at = now()`,
        [cycleId, month, indicatorId, indicator.unitId, seat.group, seat.rater, score, source.actor.userId],
      );
      await this.audit.record(
        {
          actor: source.actor,
          action: 'rating.recorded',
          subject: `cycles/${cycleId}/rating-rounds/${month}`,
          cycleId,
          change: {
            indicatorId,
            group: seat.group,
            rater: seat.rater,
            score,
            ...(source.via === 'account' ? {} : { via: source.via }),
            ...(source.linkId ? { linkId: source.linkId } : {}),
          },
        },
        manager,
      );
      stored.push({
        indicatorId,
        unitId: indicator.unitId,
        unitName: indicator.unitName,
        indicatorName: indicator.indicatorName,
        group: seat.group,
        score,
      });
    }
    return stored;
  }

  /**
   * Submits the person's ratings of the round (评议提交): from then on they are final, and
   * changing one is refused (409 RATING_SUBMITTED). Once only: a second submission is refused
   * too. A person who rated nothing has nothing to submit (400).
   */
  async submit(person: RatingPerson, cycleId: string, month: number, source: RatingSource): Promise<RatingRoundView> {
    await this.dataSource.transaction(async (manager) => {
      const [round] = (await manager.query(
        'SELECT status FROM rating_rounds WHERE cycle_id = $1 AND month = $2 FOR SHARE',
        [cycleId, month],
      )) as Array<{ status: string }>;
      if (!round) throw new ApiException('NOT_FOUND', `No rating round for month ${month} of cycle ${cycleId}`);
      if (round.status !== 'open')
        throw new ApiException('MONTH_CLOSED', `The rating round of month ${month} is closed: ratings are final`);
      const scope = await roundScope(manager, cycleId, month);
      const raters = raterIdsOf(person, scope);
      if (raters.length === 0)
        throw new ApiException('ROLE_NOT_ALLOWED', `${person.userId} rates nothing in month ${month}`);
      const [rated] = (await manager.query(
        'SELECT count(*)::int AS n FROM ratings WHERE cycle_id = $1 AND month = $2 AND rater = ANY($3)',
        [cycleId, month, raters],
      )) as Array<{ n: number }>;
      if (rated.n === 0)
        throw new ApiException('INVALID_RATING', 'Nothing rated yet: rate at least one unit, then submit');
      const inserted = (await manager.query(
        `INSERT INTO rating_submissions (cycle_id, month, rater, submitted_by)
         SELECT $1, $2, unnest($3::text[]), $4 ON CONFLICT DO NOTHING RETURNING rater`,
        [cycleId, month, raters, source.actor.userId],
      )) as Array<{ rater: string }>;
      if (inserted.length < raters.length)
        throw new ApiException(
          'RATING_SUBMITTED',
          `The ratings of month ${month} were already submitted: they are final`,
        );
      await this.audit.record(
        {
          actor: source.actor,
          action: 'rating.submitted',
          subject: `cycles/${cycleId}/rating-rounds/${month}`,
          cycleId,
          change: { raters, rated: rated.n, ...(source.linkId ? { via: source.via, linkId: source.linkId } : {}) },
        },
        manager,
      );
    });
    return this.round(person, cycleId, month);
  }

  /**
   * Closes an open round now (the assessors move its deadline forward): the round's workflow closes
   * it, computes the values and writes them into the reports, as at the deadline. 409 when closed.
   */
  async closeNow(actor: Actor, cycleId: string, month: number): Promise<{ closing: true }> {
    const state = await roundState(this.dataSource.manager, cycleId, month);
    if (!state)
      throw new ApiException('NOT_FOUND', `No rating round for month ${month} of cycle ${cycleId} (not open yet)`);
    if (state.status !== 'open')
      throw new ApiException('MONTH_CLOSED', `The rating round of month ${month} is already closed`);
    await this.client.workflow.getHandle(ratingRoundWorkflowId(cycleId, month)).signal(closeRatingRoundNowSignal);
    await this.audit.record({
      actor,
      action: 'rating_round.close_requested',
      subject: `cycles/${cycleId}/rating-rounds/${month}`,
      cycleId,
      change: { month, closesAt: state.closesAt },
    });
    return { closing: true };
  }

  /**
   * The reminder button (催评): a reminder through the outbox to everyone expected to rate who has
   * not rated every unit yet (peer units' heads, panel members with an account). Idempotent per
   * press: the same `pressId` again sends nothing and answers what the press did.
   */
  async remind(actor: Actor, cycleId: string, month: number, pressId: string): Promise<ReminderPressView> {
    return this.dataSource.transaction(async (manager) => {
      const claimed = (await manager.query(
        `INSERT INTO rating_reminder_presses (press_id, cycle_id, month, pressed_by, reminded)
         VALUES ($1, $2, $3, $4, '{}'::jsonb) ON CONFLICT (press_id) DO NOTHING RETURNING press_id`,
        [pressId, cycleId, month, actor.userId],
      )) as unknown[];
      if (claimed.length === 0) {
        const [earlier] = (await manager.query(
          'SELECT cycle_id, month, reminded FROM rating_reminder_presses WHERE press_id = $1',
          [pressId],
        )) as Array<{ cycle_id: string; month: number; reminded: Omit<ReminderPressView, 'pressId' | 'repeated'> }>;
        if (earlier.cycle_id !== cycleId || earlier.month !== month)
          throw new ApiException('VALIDATION_FAILED', `press ${pressId} was a press of another round`);
        return { pressId, repeated: true, ...earlier.reminded };
      }
      const [round] = (await manager.query(
        'SELECT status, closes_at FROM rating_rounds WHERE cycle_id = $1 AND month = $2 FOR SHARE',
        [cycleId, month],
      )) as Array<{ status: string; closes_at: Date }>;
      if (!round) throw new ApiException('NOT_FOUND', `No rating round for month ${month} of cycle ${cycleId}`);
      if (round.status !== 'open')
        throw new ApiException('MONTH_CLOSED', `The rating round of month ${month} is closed: nobody left to remind`);
      const scope = await roundScope(manager, cycleId, month);
      const notYet = notYetRated(
        scope,
        await roundRatings(manager, cycleId, month),
        await roundSubmissions(manager, cycleId, month),
      );
      const closesAt = round.closes_at.toISOString();
      const reminded = await writeRatingReminders(
        manager,
        { cycleId, month, closesAt, key: `press:${pressId}` },
        notYet,
      );
      const everyone = [...new Set(Object.values(notYet).flat())].sort();
      const result = { reminded, notReached: everyone.filter((rater) => !reminded.includes(rater)), notYet };
      await manager.query('UPDATE rating_reminder_presses SET reminded = $2 WHERE press_id = $1', [pressId, result]);
      await this.audit.record(
        {
          actor,
          action: 'rating_round.reminded',
          subject: `cycles/${cycleId}/rating-rounds/${month}`,
          cycleId,
          change: { month, pressId, ...result },
        },
        manager,
      );
      return { pressId, repeated: false, ...result };
    });
  }
}

/** What one press of the reminder button did. */
export interface ReminderPressView {
  pressId: string;
  /** True when the press had been sent before: nothing was sent again. */
  repeated: boolean;
  /** Who got a reminder: peer units (their heads) and panel members with an account. */
  reminded: string[];
  /** Not yet rated but unreachable by message (panel members without an account: hand them their link). */
  notReached: string[];
  /** Who has not rated every unit yet, per group. */
  notYet: Record<string, string[]>;
}

/** The rater ids a person rates under in the round (a unit head's unit, a member's own id). */
export function raterIdsOf(person: RatingPerson, scope: RoundScope): string[] {
  const ids = new Set<string>();
  for (const indicator of scope.indicators) {
    const seat = raterSeat(person, indicator.raters, {
      unit: indicator.unitId,
      categoryOf: scope.categoryOf,
      panels: scope.panels,
    });
    if (!('refusal' in seat)) ids.add(seat.rater);
  }
  return [...ids].sort();
}
