import { Inject, Injectable } from '@nestjs/common';
import { unitSubject, type Actor, type CycleKeyProjects } from '@jiebang/contracts';
import { MILESTONE_KINDS, monthTimelines, type MilestoneKind } from '@jiebang/domain';
import { CycleRepository, KeyProjectRepository, type CycleEntity, type KeyProjectEntity } from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { requireUnitRole } from '../common/actor';
import { ApiException } from '../common/api-exception';
import type { ReportProgressBody } from '@jiebang/contracts/http/projects';
import type { ProjectProgressView } from '@jiebang/contracts/http/projects';

/** Answers what key projects (三挂) a cycle holds, and takes each month's progress from their owner units. */
@Injectable()
export class ProjectsService {
  constructor(
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(KeyProjectRepository) private readonly projects: KeyProjectRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** The cycle's leaders and projects in the scenario's shapes; empty lists for a cycle imported without projects. */
  async list(cycleId: string): Promise<CycleKeyProjects> {
    if (!(await this.cycles.exists(cycleId)))
      throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
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

  /**
   * The owner unit reports a month's progress (its head or reporter): the investment to date and
   * the milestones first reached, with an optional evidence note. Taken while the month's report
   * window is open; stored once per month with its audit row, or refused with nothing stored.
   */
  async reportProgress(
    cycleId: string,
    projectId: string,
    actor: Actor,
    body: ReportProgressBody,
  ): Promise<ProjectProgressView> {
    const cycle = await this.findCycle(cycleId);
    const project = await this.findProject(cycleId, projectId);
    requireUnitRole(actor, ['UNIT_HEAD', 'UNIT_REPORTER'], project.unitId);
    requireOpenMonth(cycle, body.month, new Date());

    const planned = new Set((await this.projects.milestonesOf(cycleId, projectId)).map((milestone) => milestone.kind));
    const problems = body.milestones.flatMap((kind, index) => {
      const path = `milestones[${index}]`;
      if (!planned.has(kind as MilestoneKind))
        return [{ path, message: `${kind} is not a milestone of project ${projectId}` }];
      if (body.milestones.indexOf(kind) !== index) return [{ path, message: `${kind} is listed twice` }];
      return [];
    });
    const earlier = (await this.projects.progressRows(cycleId, projectId)).filter((row) => row.month < body.month);
    const lastFigure = earlier.length > 0 ? earlier[earlier.length - 1]!.investment : 0;
    if (body.investment < lastFigure && body.reason === undefined)
      problems.push({
        path: 'reason',
        message: `investment ${body.investment} is lower than the last figure reported (${lastFigure} in month ${earlier[earlier.length - 1]!.month}): say why`,
      });
    if (problems.length > 0)
      throw new ApiException(
        'VALIDATION_FAILED',
        `Invalid progress of project ${projectId}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        problems,
      );

    const milestones = body.milestones as MilestoneKind[];
    const row = {
      cycleId,
      projectId,
      month: body.month,
      investment: body.investment,
      milestones,
      reason: body.reason ?? null,
      evidence: body.evidence ?? null,
      reportedBy: actor.userId,
    };
    const refused = await this.projects.recordProgress(row, (manager) =>
      this.audit.record(
        {
          actor,
          action: 'project.progress_reported',
          subject: unitSubject(cycleId, project.unitId, 'projects', projectId, 'progress', body.month),
          cycleId,
          unitId: project.unitId,
          reason: body.reason,
          change: { projectId, month: body.month, investment: body.investment, milestones, evidence: row.evidence },
        },
        manager,
      ),
    );
    if (refused === 'month_reported')
      throw new ApiException(
        'PROGRESS_ALREADY_REPORTED',
        `Project ${projectId} already has its progress of month ${body.month}`,
      );
    if (refused)
      throw new ApiException(
        'MILESTONE_ALREADY_REACHED',
        `Milestone ${refused.alreadyReached} of project ${projectId} was already reported reached`,
        [{ path: `milestones[${milestones.indexOf(refused.alreadyReached)}]`, message: 'already reported reached' }],
      );
    return {
      project: projectId,
      month: row.month,
      investment: row.investment,
      milestones,
      reason: row.reason,
      evidence: row.evidence,
      reportedBy: row.reportedBy,
    };
  }

  private async findCycle(cycleId: string): Promise<CycleEntity> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    return cycle;
  }

  private async findProject(cycleId: string, projectId: string): Promise<KeyProjectEntity> {
    const project = await this.projects.findProject(cycleId, projectId);
    if (!project) throw new ApiException('NOT_FOUND', `No key project ${projectId} in cycle ${cycleId}`);
    return project;
  }
}

/** A month's progress is taken with its monthly report: from the month's end to its report deadline. */
function requireOpenMonth(cycle: CycleEntity, month: number, now: Date): void {
  const timeline = monthTimelines(cycle.periods, cycle.policy)[month - 1]!;
  if (now.getTime() < Date.parse(timeline.opensAt))
    throw new ApiException(
      'REPORT_WINDOW_NOT_OPEN',
      `The progress of month ${month} is reported from ${timeline.opensAt}, when the month ends`,
    );
  if (now.getTime() >= Date.parse(timeline.dueAt))
    throw new ApiException(
      'REPORT_DEADLINE_PASSED',
      `The progress of month ${month} was due by ${timeline.dueAt}, with the month's report`,
    );
}
