import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { keyProjectCalendarWorkflowId, keyProjectWorkflowId, type KeyProjectInput } from '@jiebang/contracts';
import { CYCLE_ID, PHASE, UNIT_ID } from '@jiebang/contracts/temporal';
import { keyProjectCalendar, milestoneCheckTimes } from '@jiebang/domain';
import { KeyProjectRepository, type CycleEntity } from '@jiebang/persistence';
import { keyProjectCalendarWorkflow, keyProjectWorkflow } from '@jiebang/workflows';
import { startEach } from '../cycles/cycle-workflow-starter';
import { TEMPORAL_TASK_QUEUE } from '../temporal/temporal.module';

/** Starts one `keyProjectWorkflow` per key project of a cycle; one already running is left alone. */
@Injectable()
export class KeyProjectWorkflowStarter {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(TEMPORAL_TASK_QUEUE) private readonly taskQueue: string,
    @Inject(KeyProjectRepository) private readonly projects: KeyProjectRepository,
  ) {}

  /** The inputs of the cycle's project workflows, from the stored projects; returns how many started now. */
  async startFor(cycle: CycleEntity): Promise<number> {
    const stored = await this.projects.findByCycle(cycle.id);
    const leaders = new Map(stored.leaders.map((leader) => [leader.id, leader]));
    const milestonesOf = new Map<string, typeof stored.milestones>();
    for (const milestone of stored.milestones)
      milestonesOf.set(milestone.projectId, [...(milestonesOf.get(milestone.projectId) ?? []), milestone]);
    const inputs = stored.projects.map((project): KeyProjectInput => {
      const leader = leaders.get(project.leaderId);
      const milestones = milestonesOf.get(project.id) ?? [];
      return {
        cycleId: cycle.id,
        projectId: project.id,
        projectName: project.name,
        unitId: project.unitId,
        leaderId: project.leaderId,
        leaderName: leader?.name ?? project.leaderId,
        checks: milestoneCheckTimes(milestones, cycle.year, cycle.periods, cycle.policy),
      };
    });
    const started = await startEach(inputs, (input) => this.start(input));
    if (stored.projects.length > 0) await this.startCalendar(cycle);
    return started;
  }

  /**
   * The cycle's key-project calendar: the weekly dispatch (每周调度) when the policy names
   * categories, and each month's portfolio notices (挂帅); only the timers still to come.
   */
  private async startCalendar(cycle: CycleEntity): Promise<void> {
    const events = keyProjectCalendar(cycle.periods, cycle.policy, Date.now());
    if (events.length === 0) return;
    try {
      await this.client.workflow.start(keyProjectCalendarWorkflow, {
        taskQueue: this.taskQueue,
        workflowId: keyProjectCalendarWorkflowId(cycle.id),
        args: [{ cycleId: cycle.id, events }],
        typedSearchAttributes: [
          { key: CYCLE_ID, value: cycle.id },
          { key: PHASE, value: 'watching' },
        ],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  private async start(input: KeyProjectInput): Promise<boolean> {
    try {
      await this.client.workflow.start(keyProjectWorkflow, {
        taskQueue: this.taskQueue,
        workflowId: keyProjectWorkflowId(input.cycleId, input.projectId),
        args: [input],
        typedSearchAttributes: [
          { key: CYCLE_ID, value: input.cycleId },
          { key: UNIT_ID, value: input.unitId },
          { key: PHASE, value: 'watching' },
        ],
      });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }
}
