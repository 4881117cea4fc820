import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { unitCycleWorkflowId, type AuditEntryRequest } from '@jiebang/contracts';
import { rateIndicatorUpdate } from '@jiebang/contracts/temporal';
import { combineRatings } from '@jiebang/domain';
import {
  notYetRated,
  ratingsOf,
  roundRatings,
  roundScope,
  roundSubmissions,
  writeRatingReminders,
} from '@jiebang/persistence';
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
     * head of each such peer unit and to each such panel member with an account, and one audit
     * row naming every rater not yet heard from (members who rate through a link included).
     */
    async remindRaters(round: RatingRoundRef & { at: string; closesAt: string }): Promise<number> {
      const scope = await roundScope(dataSource.manager, round.cycleId, round.month);
      const ratings = await roundRatings(dataSource.manager, round.cycleId, round.month);
      const notYet = notYetRated(
        scope,
        ratings,
        await roundSubmissions(dataSource.manager, round.cycleId, round.month),
      );
      await auditedWrite(
        dataSource,
        {
          action: 'rating_round.reminded',
          subject: subjectOf(round),
          cycleId: round.cycleId,
          change: { month: round.month, at: round.at, notYet },
        },
        (manager) => writeRatingReminders(manager, { ...round, key: round.at }, notYet),
      );
      return Object.values(notYet).reduce((sum, raters) => sum + raters.length, 0);
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
