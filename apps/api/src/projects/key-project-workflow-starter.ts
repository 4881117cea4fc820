import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { CYCLE_ID, PHASE, UNIT_ID, keyProjectWorkflowId, type KeyProjectInput } from '@jiebang/contracts';
import { milestoneCheckTimes } from '@jiebang/domain';
import { KeyProjectRepository, type CycleEntity } from '@jiebang/persistence';
import { keyProjectWorkflow } from '@jiebang/workflows';
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
    return startEach(inputs, (input) => this.start(input));
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
