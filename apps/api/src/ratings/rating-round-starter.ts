import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ratingRoundWorkflowId } from '@jiebang/contracts';
import { CYCLE_ID } from '@jiebang/contracts/temporal';
import { ratingRoundTimelines } from '@jiebang/domain';
import type { CycleEntity, IndicatorEntity } from '@jiebang/persistence';
import { ratingRoundWorkflow } from '@jiebang/workflows';
import { TEMPORAL_TASK_QUEUE } from '../temporal/temporal.module';

/** Starts a cycle's rating rounds at import, each waiting for its month; starting one twice is a no-op. */
@Injectable()
export class RatingRoundStarter {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(TEMPORAL_TASK_QUEUE) private readonly taskQueue: string,
  ) {}

  /** Returns how many rounds started now. */
  async startRounds(cycle: CycleEntity, indicators: readonly IndicatorEntity[]): Promise<number> {
    const rounds = ratingRoundTimelines(
      cycle.periods,
      cycle.policy,
      indicators.map((indicator) => ({
        raters: indicator.raters ?? undefined,
        ratedMonths: indicator.ratedMonths ?? undefined,
      })),
    );
    let started = 0;
    for (const round of rounds) {
      try {
        await this.client.workflow.start(ratingRoundWorkflow, {
          taskQueue: this.taskQueue,
          workflowId: ratingRoundWorkflowId(cycle.id, round.month),
          args: [{ cycleId: cycle.id, ...round }],
          typedSearchAttributes: [{ key: CYCLE_ID, value: cycle.id }],
        });
        started += 1;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    }
    return started;
  }
}
