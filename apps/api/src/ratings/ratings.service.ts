import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ratingRoundWorkflowId, type Actor, type Role } from '@jiebang/contracts';
import { combineRatings, raterSeat, ratingScoreSchema } from '@jiebang/domain';
import { expectedRaters, ratingsOf, roundRatings, roundScope, roundState } from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';

/** How far one group of an indicator's raters has got; `notYet` for assessors and administrators only. */
export interface GroupProgressView {
  group: string;
  rated: number;
  expected: number | null;
  notYet?: string[];
}

export interface RoundIndicatorView {
  indicatorId: string;
  unitId: string;
  groups: GroupProgressView[];
  /** The round's value once it closed (null when nobody rated: an assessor rates instead). */
  value: number | null;
}

/** What the caller rates in the round: their own scores only. */
export interface MyRatingView {
  indicatorId: string;
  unitId: string;
  group: string;
  score: number | null;
}

export interface RatingRoundView {
  cycleId: string;
  month: number;
  status: 'open' | 'closed';
  closesAt: string;
  mine: MyRatingView[];
  indicators: RoundIndicatorView[];
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
  ) {}

  async round(actor: Actor, cycleId: string, month: number): Promise<RatingRoundView> {
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
      return {
        indicatorId: indicator.indicatorId,
        unitId: indicator.unitId,
        groups,
        value: state.status === 'closed' ? combineRatings(indicator.raters, rated) : null,
      };
    });
    return { cycleId, month, status: state.status, closesAt: state.closesAt, mine, indicators };
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
      if (unrated.length === 0) continue;
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
    if (typeof indicatorId !== 'string') throw new ApiException('INVALID_RATING', 'indicatorId is required');
    const parsed = ratingScoreSchema.safeParse(score);
    if (!parsed.success)
      throw new ApiException('INVALID_RATING', `score ${JSON.stringify(score)}: a rating is from 0 to 100`);
    return this.dataSource.transaction(async (manager) => {
      const [round] = (await manager.query(
        'SELECT status FROM rating_rounds WHERE cycle_id = $1 AND month = $2 FOR SHARE',
        [cycleId, month],
      )) as Array<{ status: string }>;
      if (!round) throw new ApiException('NOT_FOUND', `No rating round for month ${month} of cycle ${cycleId}`);
      if (round.status !== 'open')
        throw new ApiException('MONTH_CLOSED', `The rating round of month ${month} is closed: ratings are final`);
      const scope = await roundScope(manager, cycleId, month);
      const indicator = scope.indicators.find((candidate) => candidate.indicatorId === indicatorId);
      if (!indicator) throw new ApiException('INVALID_RATING', `${indicatorId} is not rated by many in month ${month}`);
      const seat = raterSeat(actor, indicator.raters, {
        unit: indicator.unitId,
        categoryOf: scope.categoryOf,
        panels: scope.panels,
      });
      if ('refusal' in seat) throw new ApiException('ROLE_NOT_ALLOWED', seat.refusal);
      await manager.query(
        `INSERT INTO ratings (cycle_id, month, indicator_id, unit_id, rater_group, rater, score, rated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (cycle_id, month, indicator_id, rater)
         DO UPDATE SET score = EXCLUDED.score, rated_by = EXCLUDED.rated_by, rated_at = now()`,
        [cycleId, month, indicatorId, indicator.unitId, seat.group, seat.rater, parsed.data, actor.userId],
      );
      await this.audit.record(
        {
          actor,
          action: 'rating.recorded',
          subject: `cycles/${cycleId}/rating-rounds/${month}`,
          cycleId,
          change: { indicatorId, group: seat.group, rater: seat.rater, score: parsed.data },
        },
        manager,
      );
      return { indicatorId, unitId: indicator.unitId, group: seat.group, score: parsed.data };
    });
  }
}
