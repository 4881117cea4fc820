import { Inject, Injectable } from '@nestjs/common';
import type { Actor, LeaderPortfolio, MilestoneStanding, ProjectMap, ProjectOnMap } from '@jiebang/contracts';
import {
  MILESTONE_KINDS,
  closedProgressMonths,
  cycleMonthOf,
  milestoneSlips,
  stalledMonths,
  type ProjectProgress,
} from '@jiebang/domain';
import {
  AccountRepository,
  CycleRepository,
  KeyProjectRepository,
  MonthRankingRepository,
  SupervisionItemRepository,
  projectProgressOf,
  type CycleEntity,
} from '@jiebang/persistence';
import { DataSource } from 'typeorm';
import { ApiException } from '../common/api-exception';
import type { ProjectMapQuery } from './projects.schemas';

/**
 * The project map (挂图作战) and the leaders' portfolios (挂帅): the stored plan and progress,
 * judged by the rules of `libs/domain` (`milestoneSlips`, `stalledMonths`) over the months whose
 * progress has closed, so the live cycle and `jiebang simulate` agree.
 */
@Injectable()
export class ProjectMapService {
  constructor(
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(KeyProjectRepository) private readonly projects: KeyProjectRepository,
    @Inject(MonthRankingRepository) private readonly rankings: MonthRankingRepository,
    @Inject(SupervisionItemRepository) private readonly items: SupervisionItemRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  /** Every project of the cycle on the map, filtered by owner unit, leader and the unit's category. */
  async map(cycleId: string, filter: ProjectMapQuery = {}): Promise<ProjectMap> {
    const cycle = await this.findCycle(cycleId);
    const closedMonths = closedProgressMonths(cycle.periods, cycle.policy, Date.now());
    const [stored, organisation, rows] = await Promise.all([
      this.projects.findByCycle(cycleId),
      this.cycles.organisation(cycleId),
      this.projects.progressRows(cycleId),
    ]);
    const unitOf = new Map(organisation.units.map((unit) => [unit.id, unit]));
    const projects = stored.projects.map((project): ProjectOnMap => {
      const own = rows.filter((row) => row.projectId === project.id);
      // The rules judge only the months whose progress is in: a month still open may yet report.
      const progress: ProjectProgress = projectProgressOf(own.filter((row) => row.month <= closedMonths));
      const planned = stored.milestones
        .filter((milestone) => milestone.projectId === project.id)
        .sort((a, b) => MILESTONE_KINDS.indexOf(a.kind) - MILESTONE_KINDS.indexOf(b.kind));
      const slipped = milestoneSlips({ milestones: planned }, progress, cycle.year).filter(
        (slip) => slip.month <= closedMonths,
      );
      const stalled = stalledMonths(progress, cycle.policy.stallMonths).filter((month) => month <= closedMonths);
      const leader = stored.leaders.find((candidate) => candidate.id === project.leaderId);
      return {
        id: project.id,
        name: project.name,
        unit: project.unitId,
        unitName: unitOf.get(project.unitId)?.name ?? project.unitId,
        category: unitOf.get(project.unitId)?.categoryId ?? '',
        leader: project.leaderId,
        leaderName: leader?.name ?? project.leaderId,
        indicator: project.indicatorId,
        plannedInvestment: project.plannedInvestment,
        yearInvestment: project.yearInvestment,
        investmentToDate: own.length > 0 ? own[own.length - 1]!.investment : 0,
        milestones: planned.map(({ kind, due, reachedMonth }) => ({
          kind,
          due,
          month: Math.max(1, cycleMonthOf(due, cycle.year)),
          reachedMonth,
          standing: standingOf(
            reachedMonth,
            slipped.some((slip) => slip.milestone === kind),
          ),
        })),
        slipped,
        stalledMonths: stalled,
        stalled: closedMonths > 0 && stalled.includes(closedMonths),
        progress: own.map(({ month, investment, milestones, reason, evidence, reportedBy }) => ({
          month,
          investment,
          milestones,
          reason,
          evidence,
          reportedBy,
        })),
      };
    });
    return {
      closedMonths,
      projects: projects.filter(
        (project) =>
          (filter.unit === undefined || project.unit === filter.unit) &&
          (filter.leader === undefined || project.leader === filter.leader) &&
          (filter.category === undefined || project.category === filter.category),
      ),
    };
  }

  /**
   * The portfolios the actor may see: a LEADERSHIP member sees the leader they are (the leader's
   * id is their account id, or the leader's name their account's display name); assessors and
   * ORG_DEPT see every leader's.
   */
  async portfolios(cycleId: string, actor: Actor): Promise<LeaderPortfolio[]> {
    const cycle = await this.findCycle(cycleId);
    const { leaders } = await this.projects.findByCycle(cycleId);
    const seesAll = actor.roles.some((role) => role === 'ASSESSOR' || role === 'ORG_DEPT');
    let visible = leaders;
    if (!seesAll) {
      const name = (await new AccountRepository(this.dataSource.manager).displayNamesOf([actor.userId])).get(
        actor.userId,
      );
      visible = leaders.filter((leader) => leader.id === actor.userId || (name !== undefined && leader.name === name));
    }
    const map = await this.map(cycleId);
    const rankedMonth = await this.rankings.lastRankedMonth(cycleId);
    const ranking = rankedMonth > 0 ? await this.rankings.find(cycleId, rankedMonth) : null;
    const scores = ranking ? await this.rankings.scoresOf(cycleId, rankedMonth, ranking.version) : [];
    const items = await this.items.list({ cycleId: cycle.id });
    const now = Date.now();
    return visible.map(({ id, name, title }) => {
      const projects = map.projects.filter((project) => project.leader === id);
      const units = [...new Set(projects.map((project) => project.unit))].sort();
      const indicators = [...new Set(projects.map((project) => `${project.unit}\u0000${project.indicator}`))].map(
        (key) => {
          const [unit, indicator] = key.split('\u0000') as [string, string];
          const row = scores.find((score) => score.unitId === unit)?.indicators.find((i) => i.indicator === indicator);
          return { indicator, unit, light: row?.light ?? null };
        },
      );
      return {
        leader: { id, name, title },
        rankedMonth,
        projects,
        units,
        indicators,
        slips: projects.flatMap((project) => project.slipped.map((slip) => ({ project: project.id, ...slip }))),
        stalledProjects: projects.filter((project) => project.stalled).map((project) => project.id),
        overdueItems: items
          .filter((item) => units.includes(item.unitId) && item.status !== 'closed' && item.deadline.getTime() <= now)
          .map((item) => ({
            itemId: item.id,
            unitId: item.unitId,
            title: item.title,
            status: item.status,
            deadline: item.deadline.toISOString(),
          })),
      };
    });
  }

  private async findCycle(cycleId: string): Promise<CycleEntity> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    return cycle;
  }
}

function standingOf(reachedMonth: number | null, slipped: boolean): MilestoneStanding {
  if (reachedMonth !== null) return 'done';
  return slipped ? 'overdue' : 'due';
}
