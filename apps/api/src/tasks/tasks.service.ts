import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@jiebang/contracts';
import type { AdminTaskView } from '@jiebang/contracts/http/admin';
import { AdminWorkflowsService, overdueFirst } from '../admin/admin-workflows.service';
import { RatingsService } from '../ratings/ratings.service';
import type { MyTasksView } from '@jiebang/contracts/http/tasks';
import type { MyTasksQuery } from '@jiebang/contracts/http/tasks';

const WEEK_MS = 7 * 86_400_000;

/** 我的待办: every pending human step a person may take, from the workflows' own pendingSteps Query. */
@Injectable()
export class TasksService {
  constructor(
    @Inject(AdminWorkflowsService) private readonly workflows: AdminWorkflowsService,
    @Inject(RatingsService) private readonly ratings: RatingsService,
  ) {}

  async mine(actor: Actor, query: MyTasksQuery): Promise<MyTasksView> {
    const { tasks } = await this.workflows.tasks({ cycleId: query.cycleId });
    const rounds: AdminTaskView[] = await this.ratings.pendingFor(actor, query.cycleId);
    const mine = [...tasks.filter((task) => mayTake(actor, task)), ...rounds]
      .filter((task) => !query.unitId || task.unitId === query.unitId)
      .sort(overdueFirst);
    const counts: Record<string, number> = {};
    for (const task of mine) counts[task.step] = (counts[task.step] ?? 0) + 1;
    const now = Date.now();
    return {
      tasks: mine.filter((task) => (!query.step || task.step === query.step) && matchesDue(task, query.due, now)),
      counts,
      overdue: mine.filter((task) => task.overdue).length,
    };
  }
}

/** A step is the person's when they hold its role, and, for the unit roles, it concerns their own unit. */
function mayTake(actor: Actor, task: AdminTaskView): boolean {
  if (!actor.roles.includes(task.role)) return false;
  if (task.role === 'UNIT_HEAD' || task.role === 'UNIT_REPORTER') return task.unitId === actor.unitId;
  return true;
}

function matchesDue(task: AdminTaskView, due: MyTasksQuery['due'], now: number): boolean {
  if (due === undefined) return true;
  if (due === 'overdue') return task.overdue;
  if (due === 'undated') return task.dueAt === null;
  return task.dueAt !== null && Date.parse(task.dueAt) <= now + WEEK_MS;
}
