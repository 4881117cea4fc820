import { Inject, Injectable } from '@nestjs/common';
import type { CycleKeyProjects } from '@jiebang/contracts';
import { MILESTONE_KINDS } from '@jiebang/domain';
import { CycleRepository, KeyProjectRepository } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';

/** Answers what key projects (三挂) a cycle holds. They are stored by the cycle's import. */
@Injectable()
export class ProjectsService {
  constructor(
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(KeyProjectRepository) private readonly projects: KeyProjectRepository,
  ) {}

  /** The cycle's leaders and projects in the scenario's shapes; empty lists for a cycle imported without projects. */
  async list(cycleId: string): Promise<CycleKeyProjects> {
    if (!(await this.cycles.exists(cycleId))) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`);
    const stored = await this.projects.findByCycle(cycleId);
    return {
      leaders: stored.leaders.map(({ id, name, title }) => ({ id, name, title })),
      projects: stored.projects.map((project) => ({
        id: project.id,
        name: project.name,
        unit: project.unitId,
        leader: project.leaderId,
        indicator: project.indicatorId,
        plannedInvestment: project.plannedInvestment,
        yearInvestment: project.yearInvestment,
        milestones: stored.milestones
          .filter((milestone) => milestone.projectId === project.id)
          .sort((a, b) => MILESTONE_KINDS.indexOf(a.kind) - MILESTONE_KINDS.indexOf(b.kind))
          .map(({ kind, due }) => ({ kind, due })),
      })),
    };
  }
}
