import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { keyProjectWorkflowId, type KeyProjectInput } from '@jiebang/contracts';
import { CYCLE_ID, PHASE, UNIT_ID } from '@jiebang/contracts/temporal';
import { milestoneCheckTimes } from '@jiebang/domain';
import { KeyProjectRepository, type CycleEntity } from '@jiebang/persistence';
import { keyProjectWorkflow } from '@jiebang/workflows';
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
    let started = 0;
    for (const project of stored.projects) {
      const leader = stored.leaders.find((candidate) => candidate.id === project.leaderId);
      const milestones = stored.milestones.filter((milestone) => milestone.projectId === project.id);
      const input: KeyProjectInput = {
        cycleId: cycle.id,
        projectId: project.id,
        projectName: project.name,
        unitId: project.unitId,
        leaderId: project.leaderId,
        leaderName: leader?.name ?? project.leaderId,
        checks: milestoneCheckTimes(milestones, cycle.year, cycle.periods, cycle.policy),
      };
      if (await this.start(input)) started += 1;
    }
    return started;
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
