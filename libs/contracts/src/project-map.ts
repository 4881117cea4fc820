import type { KeyProject, MilestoneKind, MilestoneSlip } from '@jiebang/domain';
import type { SupervisionStatus } from './supervision';

/** Where a milestone stands on the map: reached, still to come (or still reportable), or slipped. */
export type MilestoneStanding = 'done' | 'due' | 'overdue';

/** One milestone on a project's time line. */
export interface MilestoneOnMap {
  kind: MilestoneKind;
  due: string;
  /** The cycle's month of the due date. */
  month: number;
  /** The month whose progress reported it reached, null while it is not. */
  reachedMonth: number | null;
  standing: MilestoneStanding;
}

/** One month's progress as the owner unit reported it. */
export interface ProjectMonthProgress {
  month: number;
  investment: number;
  milestones: MilestoneKind[];
  reason: string | null;
  evidence: string | null;
  reportedBy: string;
}

/** A key project on the map (挂图作战): its plan, progress, slips and stalled months (专盯) so far. */
export interface ProjectOnMap extends Omit<KeyProject, 'milestones'> {
  unitName: string;
  category: string;
  leaderName: string;
  /** The last investment to date reported, 0 before any. */
  investmentToDate: number;
  milestones: MilestoneOnMap[];
  /** The rules' slips over the months whose progress has closed. */
  slipped: MilestoneSlip[];
  /** The rules' stalled months over the months whose progress has closed. */
  stalledMonths: number[];
  /** Stalled in the last month whose progress has closed. */
  stalled: boolean;
  progress: ProjectMonthProgress[];
}

/** `GET /cycles/{id}/projects/map`. */
export interface ProjectMap {
  /** How many months' progress has closed: slips and stalled months are judged over months 1..this. */
  closedMonths: number;
  projects: ProjectOnMap[];
}

/** A supervision item still owed by a unit a leader answers for, past its deadline. */
export interface OverdueItem {
  itemId: string;
  unitId: string;
  title: string;
  status: SupervisionStatus;
  deadline: string;
}

/** An indicator a leader's project feeds, with its light in the last ranked month (null before any ranking). */
export interface PortfolioIndicator {
  indicator: string;
  unit: string;
  light: 'green' | 'yellow' | 'red' | null;
}

/** A leader in command's portfolio (挂帅). */
export interface LeaderPortfolio {
  leader: { id: string; name: string; title: string };
  /** The month whose ranking the lights come from; 0 before the first ranking. */
  rankedMonth: number;
  projects: ProjectOnMap[];
  units: string[];
  indicators: PortfolioIndicator[];
  slips: Array<MilestoneSlip & { project: string }>;
  stalledProjects: string[];
  overdueItems: OverdueItem[];
}
