import type { DataSource } from 'typeorm';
import type { LeaderPortfolio, MilestoneStanding, ProjectMap, ProjectOnMap } from '@jiebang/contracts';
import {
  MILESTONE_KINDS,
  closedProgressMonths,
  cycleMonthOf,
  milestoneSlips,
  stalledMonths,
  type ProjectProgress,
} from '@jiebang/domain';
import type { CycleEntity, KeyProjectLeaderEntity } from '../entities';
import { CycleRepository } from './cycle.repository';
import { KeyProjectRepository, projectProgressOf } from './key-project.repository';
import { MonthRankingRepository } from './month-ranking.repository';
import { SupervisionItemRepository } from './supervision-item.repository';

/** Filters of the project map: owner unit, leader in command, the unit's category. */
export interface ProjectMapFilter {
  unit?: string;
  leader?: string;
  category?: string;
}

/**
 * The project map (挂图作战) and the leaders' portfolios (挂帅) read from the stored plan and
 * progress, judged by the rules of `libs/domain` (`milestoneSlips`, `stalledMonths`) over the
 * months whose progress has closed, so the live cycle and `jiebang simulate` agree. The API's
 * pages and the worker's monthly portfolio notices both read it.
 */
export class ProjectBoard {
  private readonly cycles: CycleRepository;
  private readonly projects: KeyProjectRepository;
  private readonly rankings: MonthRankingRepository;
  private readonly items: SupervisionItemRepository;

  constructor(dataSource: DataSource) {
    this.cycles = new CycleRepository(dataSource);
    this.projects = new KeyProjectRepository(dataSource);
    this.rankings = new MonthRankingRepository(dataSource);
    this.items = new SupervisionItemRepository(dataSource);
  }

  /** Every project of the cycle on the map at `now`, filtered by owner unit, leader and the unit's category. */
  async map(cycle: CycleEntity, filter: ProjectMapFilter = {}, now = Date.now()): Promise<ProjectMap> {
    const closedMonths = closedProgressMonths(cycle.periods, cycle.policy, now);
    const [stored, organisation, rows] = await Promise.all([
      this.projects.findByCycle(cycle.id),
      this.cycles.organisation(cycle.id),
      this.projects.progressRows(cycle.id),
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

  /** The cycle's leaders in command, in id order. */
  async leaders(cycleId: string): Promise<KeyProjectLeaderEntity[]> {
    return (await this.projects.findByCycle(cycleId)).leaders;
  }

  /**
   * The portfolios (挂帅) of the leaders `visible` keeps: their projects (as on the map), units,
   * the indicators the projects feed with their light in the last ranked month, slips, stalled
   * projects, and the units' supervision items past their deadline and not closed.
   */
  async portfolios(
    cycle: CycleEntity,
    visible: (leader: KeyProjectLeaderEntity) => boolean,
    now = Date.now(),
  ): Promise<LeaderPortfolio[]> {
    const leaders = (await this.leaders(cycle.id)).filter(visible);
    if (leaders.length === 0) return [];
    const map = await this.map(cycle, {}, now);
    const rankedMonth = await this.rankings.lastRankedMonth(cycle.id);
    const ranking = rankedMonth > 0 ? await this.rankings.find(cycle.id, rankedMonth) : null;
    const scores = ranking ? await this.rankings.scoresOf(cycle.id, rankedMonth, ranking.version) : [];
    const items = await this.items.list({ cycleId: cycle.id });
    return leaders.map(({ id, name, title }) => {
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
}

function standingOf(reachedMonth: number | null, slipped: boolean): MilestoneStanding {
  if (reachedMonth !== null) return 'done';
  return slipped ? 'overdue' : 'due';
}
