import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import {
  cycleWorkflowId,
  taskQueuesOf,
  unitCycleWorkflowId,
  type CycleWorkflowInput,
  type UnitCycleInput,
} from '@jiebang/contracts';
import { CYCLE_ID, PHASE, UNIT_ID } from '@jiebang/contracts/temporal';
import { cycleWorkflow, unitCycleWorkflow } from '@jiebang/workflows';
import { TEMPORAL_TASK_QUEUE } from '../temporal/temporal.module';

/**
 * Starts at most this many workflows at once: fast for a district, gentle on the server. Each
 * start is one round trip that the server persists; 32 in flight keep it busy without queueing
 * at it (bench/workbooks.bench.ts).
 */
export const START_CONCURRENCY = 32;

/**
 * Runs `start` for every input, `width` at a time: a lane takes the next input as soon as its
 * last start answered, so one slow answer holds up one lane, not a whole batch. The counts of
 * `true` answers.
 */
export async function startEach<Input>(
  inputs: readonly Input[],
  start: (input: Input) => Promise<boolean>,
  width = START_CONCURRENCY,
): Promise<number> {
  let next = 0;
  let started = 0;
  const lanes = Array.from({ length: Math.min(width, inputs.length) }, async () => {
    while (next < inputs.length) if (await start(inputs[next++]!)) started += 1;
  });
  await Promise.all(lanes);
  return started;
}

/** Starts a cycle's workflows; starting one that already runs is a no-op, so an import can be retried. */
@Injectable()
export class CycleWorkflowStarter {
  private readonly logger = new Logger(CycleWorkflowStarter.name);

  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(TEMPORAL_TASK_QUEUE) private readonly taskQueue: string,
  ) {}

  /** Starts one workflow per unit and the cycle's month-close workflow; returns how many unit workflows started now. */
  async startCycle(units: UnitCycleInput[], cycle: CycleWorkflowInput): Promise<number> {
    const started = await startEach(units, (input) => this.startUnit(input));
    await this.ignoringAlreadyStarted(() =>
      this.client.workflow.start(cycleWorkflow, {
        taskQueue: taskQueuesOf(this.taskQueue).cycles,
        workflowId: cycleWorkflowId(cycle.cycleId),
        args: [cycle],
        typedSearchAttributes: [
          { key: CYCLE_ID, value: cycle.cycleId },
          { key: PHASE, value: 'running' },
        ],
      }),
    );
    this.logger.log(
      `cycle ${cycle.cycleId}: ${started} unit workflows started, ${units.length - started} already running`,
    );
    return started;
  }

  /**
   * Best effort: terminates the workflows of a cycle whose import is being undone; true when
   * none of them runs any more (each terminated, or never started).
   */
  async stopCycle(cycleId: string, unitIds: readonly string[]): Promise<boolean> {
    const ids = [cycleWorkflowId(cycleId), ...unitIds.map((unitId) => unitCycleWorkflowId(cycleId, unitId))];
    const results = await Promise.allSettled(
      ids.map((workflowId) =>
        this.client.workflow.getHandle(workflowId).terminate('its cycle import was undone: starting the cycle failed'),
      ),
    );
    return results.every((result) => result.status === 'fulfilled' || result.reason instanceof WorkflowNotFoundError);
  }

  private startUnit(input: UnitCycleInput): Promise<boolean> {
    return this.ignoringAlreadyStarted(() =>
      this.client.workflow.start(unitCycleWorkflow, {
        taskQueue: this.taskQueue,
        workflowId: unitCycleWorkflowId(input.cycleId, input.unitId),
        args: [input],
        typedSearchAttributes: [
          { key: CYCLE_ID, value: input.cycleId },
          { key: UNIT_ID, value: input.unitId },
          { key: PHASE, value: 'pledge' },
        ],
      }),
    );
  }

  /** True when this call started the workflow, false when it was already running. */
  private async ignoringAlreadyStarted(start: () => Promise<unknown>): Promise<boolean> {
    try {
      await start();
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }
}
