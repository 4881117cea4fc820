import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { unitCycleWorkflowId, type AuditEntryRequest } from '@jiebang/contracts';
import { rateIndicatorUpdate } from '@jiebang/contracts/temporal';
import { combineRatings } from '@jiebang/domain';
import { NotificationEntity, expectedRaters, ratingsOf, roundRatings, roundScope } from '@jiebang/persistence';
import { auditedWrite } from './audited-write';

export interface RatingRoundRef {
  cycleId: string;
  month: number;
}

/** A round's value for one indicator, to be written into the unit's report. */
export interface RoundValue {
  unitId: string;
  indicatorId: string;
  value: number;
}

/** Who the round writes as: the system, in the assessor's role it stands in for. */
export const RATING_ROUND_ACTOR = 'system:rating-round';

const subjectOf = ({ cycleId, month }: RatingRoundRef) => `cycles/${cycleId}/rating-rounds/${month}`;

/** Rating rounds (评议): open, remind, close and compute with libs/domain, write the value through the unit's workflow. */
export function createRatingActivities({ dataSource, client }: { dataSource: DataSource; client: Client }) {
  return {
    /** Opens the month's round (once: a retry or a second run finds it open or closed and changes nothing). */
    async openRatingRound(round: RatingRoundRef & { closesAt: string }): Promise<void> {
      const audit: AuditEntryRequest = {
        action: 'rating_round.opened',
        subject: subjectOf(round),
        cycleId: round.cycleId,
        change: { month: round.month, closesAt: round.closesAt },
      };
      await auditedWrite(dataSource, audit, (manager) =>
        manager.query(
          `INSERT INTO rating_rounds (cycle_id, month, status, closes_at) VALUES ($1, $2, 'open', $3)
           ON CONFLICT (cycle_id, month) DO NOTHING`,
          [round.cycleId, round.month, new Date(round.closesAt)],
        ),
      );
    },

    /**
     * Reminds the raters who have not rated every indicator they are expected to: a notice to the
     * head of each such peer unit, and one audit row naming every rater not yet heard from.
     */
    async remindRaters(round: RatingRoundRef & { at: string; closesAt: string }): Promise<number> {
      const scope = await roundScope(dataSource.manager, round.cycleId, round.month);
      const ratings = await roundRatings(dataSource.manager, round.cycleId, round.month);
      const missing = new Map<string, Set<string>>();
      for (const indicator of scope.indicators) {
        const rated = ratingsOf(indicator.indicatorId, ratings);
        for (const [group, raters] of Object.entries(expectedRaters(indicator, scope)))
          for (const rater of raters)
            if (rated[group]?.[rater] === undefined)
              (missing.get(group) ?? missing.set(group, new Set()).get(group)!).add(rater);
      }
      const peers = [...(missing.get('peers') ?? [])].sort();
      const notYet = Object.fromEntries([...missing].map(([group, raters]) => [group, [...raters].sort()]));
      await auditedWrite(
        dataSource,
        {
          action: 'rating_round.reminded',
          subject: subjectOf(round),
          cycleId: round.cycleId,
          change: { month: round.month, at: round.at, notYet },
        },
        async (manager) => {
          if (peers.length === 0) return;
          await manager
            .createQueryBuilder()
            .insert()
            .into(NotificationEntity)
            .values(
              peers.map((unitId) => ({
                key: `rating-round:${round.cycleId}:${round.month}:${unitId}:${round.at}`,
                cycleId: round.cycleId,
                unitId,
                kind: 'reminder' as const,
                recipientRole: 'UNIT_HEAD' as const,
                subject: `第${round.month}月评议: 请在 ${round.closesAt} 前完成评分`,
                dueAt: new Date(round.closesAt),
                month: round.month,
              })),
            )
            .orIgnore()
            .execute();
        },
      );
      return [...missing.values()].reduce((sum, raters) => sum + raters.size, 0);
    },

    /**
     * Closes the round (later ratings are refused) and computes each indicator's value with
     * libs/domain's combineRatings; an indicator nobody rated has no value (an assessor rates it).
     */
    async closeRatingRound(round: RatingRoundRef): Promise<RoundValue[]> {
      return auditedWrite(
        dataSource,
        (values: RoundValue[]) => [
          {
            action: 'rating_round.closed',
            subject: subjectOf(round),
            cycleId: round.cycleId,
            change: { month: round.month, values },
          },
        ],
        async (manager) => {
          await manager.query(
            `UPDATE rating_rounds SET status = 'closed', closed_at = COALESCE(closed_at, now())
              WHERE cycle_id = $1 AND month = $2`,
            [round.cycleId, round.month],
          );
          const scope = await roundScope(manager, round.cycleId, round.month);
          const ratings = await roundRatings(manager, round.cycleId, round.month);
          return scope.indicators.flatMap(({ indicatorId, unitId, raters }) => {
            const value = combineRatings(raters, ratingsOf(indicatorId, ratings));
            return value === null ? [] : [{ unitId, indicatorId, value }];
          });
        },
      );
    },

    /**
     * Writes a round's value into the unit's report through the unit's workflow, as an assessor's
     * rating would be. Returns the reason when the workflow refuses (the report already approved,
     * the month closed): the round cannot change a settled month.
     */
    async recordRoundValue({
      cycleId,
      month,
      unitId,
      indicatorId,
      value,
    }: RatingRoundRef & RoundValue): Promise<string | null> {
      try {
        await client.workflow.getHandle(unitCycleWorkflowId(cycleId, unitId)).executeUpdate(rateIndicatorUpdate, {
          args: [{ actor: { userId: RATING_ROUND_ACTOR, roles: ['ASSESSOR'] }, month, indicatorId, value }],
        });
        return null;
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? error.message;
        throw error;
      }
    },
  };
}
