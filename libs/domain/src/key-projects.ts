import { z } from 'zod';
import { MONTHS_IN_CYCLE } from './assessment-period';
import { localDateSchema } from './calendar';
import { durationSchema } from './duration';
import { boundedValueSchema } from './finite-number';
import { idSchema, nameSchema } from './identifier';

/**
 * The milestones of a key project's reverse-scheduled plan (倒排计划), in their only order:
 * 签约 signed, 供地 / 清场交地 land handed over, 开工 started, 入统 in the statistics, 竣工 completed.
 */
export const MILESTONE_KINDS = ['signed', 'land', 'started', 'in_statistics', 'completed'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** Months in a row without new investment or a milestone before a project is stalled (专盯). */
export const DEFAULT_STALL_MONTHS = 2;
/** Time the owner unit has to clear a slipped milestone's supervision item (挂牌督战). */
export const DEFAULT_MILESTONE_GRACE = '15d';

/** `policy.stallMonths`: a whole number of months from 1 to 12. */
export const stallMonthsSchema = z
  .number()
  .int({ message: 'stallMonths must be a whole number' })
  .min(1, { message: `stallMonths is from 1 to ${MONTHS_IN_CYCLE}` })
  .max(MONTHS_IN_CYCLE, { message: `stallMonths is from 1 to ${MONTHS_IN_CYCLE}` });

/** `policy.milestoneGrace`: a duration. */
export const milestoneGraceSchema = durationSchema;

/** A leader in command (挂帅领导) of key projects. */
export const leaderSchema = z.object({ id: idSchema, name: nameSchema, title: nameSchema }).strict();
export type Leader = z.infer<typeof leaderSchema>;

const investment = (what: string) => boundedValueSchema(what).nonnegative({ message: `${what} cannot be negative` });

/** One planned milestone: its kind and its due date (`YYYY-MM-DD`). */
export const milestoneSchema = z.object({ kind: z.enum(MILESTONE_KINDS), due: localDateSchema }).strict();
export type Milestone = z.infer<typeof milestoneSchema>;

/**
 * A key project (重点项目): its owner unit, leader in command, the indicator it feeds, total and
 * this year's planned investment, and its milestones. The checks across fields (ids resolve,
 * milestone order and dates) are the scenario's.
 */
export const keyProjectSchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    unit: idSchema,
    leader: idSchema,
    indicator: idSchema,
    plannedInvestment: investment('plannedInvestment'),
    yearInvestment: investment('yearInvestment'),
    milestones: z.array(milestoneSchema),
  })
  .strict();
export type KeyProject = z.infer<typeof keyProjectSchema>;

/** One month's progress of a project: the year's investment to date and the milestones first reached that month. */
export const projectMonthSchema = z
  .object({
    investment: investment('investment'),
    milestones: z.array(z.enum(MILESTONE_KINDS)).default([]),
  })
  .strict();
export type ProjectMonth = z.output<typeof projectMonthSchema>;

/** A project's progress by month ("1".."12"); a month absent reports no movement. */
export type ProjectProgress = Readonly<Record<string, Pick<ProjectMonth, 'investment' | 'milestones'>>>;

/** A milestone not reached by the end of the month of its due date. */
export interface MilestoneSlip {
  milestone: MilestoneKind;
  month: number;
}

/** What the rules say about one project over the year. */
export interface KeyProjectOutcome {
  project: string;
  slipped: MilestoneSlip[];
  stalled: number[];
}

const MONTHS = Array.from({ length: MONTHS_IN_CYCLE }, (_, index) => index + 1);

/**
 * The month of the cycle a due date falls in: 1..12 inside `year`, above 12 after it (a
 * `completed` date may lie in a later year), below 1 before it.
 */
export function cycleMonthOf(due: string, year: number): number {
  const [dueYear, dueMonth] = due.split('-').map(Number);
  return (dueYear - year) * MONTHS_IN_CYCLE + dueMonth;
}

/** The month each milestone was first reported reached, by kind. */
export function reachedMonths(progress: ProjectProgress): Map<MilestoneKind, number> {
  const reached = new Map<MilestoneKind, number>();
  for (const month of MONTHS) {
    for (const kind of progress[String(month)]?.milestones ?? []) if (!reached.has(kind)) reached.set(kind, month);
  }
  return reached;
}

/**
 * The milestones that slip (挂牌督战): a milestone slips in the month of its due date when no
 * month up to and including that one reports it reached. A due date after the cycle's year
 * slips in no month of this cycle; one before it counts as due in month 1. Listed in the order
 * of the project's milestones.
 */
export function milestoneSlips(
  project: Pick<KeyProject, 'milestones'>,
  progress: ProjectProgress,
  year: number,
): MilestoneSlip[] {
  const reached = reachedMonths(progress);
  return project.milestones.flatMap(({ kind, due }): MilestoneSlip[] => {
    const month = Math.max(1, cycleMonthOf(due, year));
    if (month > MONTHS_IN_CYCLE) return [];
    const reachedIn = reached.get(kind);
    return reachedIn !== undefined && reachedIn <= month ? [] : [{ milestone: kind, month }];
  });
}

/**
 * Whether each month (index 0 = month 1) shows movement: new investment or a milestone. New
 * investment is the month's investment to date above the last figure reported before it; the
 * year's investment to date starts at 0, so month 1 moves when it reports any investment. A
 * month absent reports no movement (its investment to date stays where it was).
 */
export function monthsWithMovement(progress: ProjectProgress): boolean[] {
  let toDate = 0;
  return MONTHS.map((month) => {
    const reported = progress[String(month)];
    if (!reported) return false;
    const moved = reported.investment > toDate || reported.milestones.length > 0;
    toDate = Math.max(toDate, reported.investment);
    return moved;
  });
}

/**
 * The months a project is stalled (专盯): month `m` (from `stallMonths` on) when months
 * `m - stallMonths + 1 .. m` all show no movement (see `monthsWithMovement`).
 */
export function stalledMonths(progress: ProjectProgress, stallMonths: number): number[] {
  const moved = monthsWithMovement(progress);
  let still = 0;
  return MONTHS.filter((month) => {
    still = moved[month - 1] ? 0 : still + 1;
    return still >= stallMonths;
  });
}

/** A year of key projects to judge: a validated scenario is one. */
export interface KeyProjectsInput {
  year: number;
  stallMonths: number;
  projects: readonly Pick<KeyProject, 'id' | 'milestones'>[];
  progress: Readonly<Record<string, ProjectProgress>>;
}

/** Each project's slips and stalled months over the year, in the order the projects are listed. */
export function keyProjectOutcomes(input: KeyProjectsInput): KeyProjectOutcome[] {
  return input.projects.map((project) => {
    const progress = input.progress[project.id] ?? {};
    return {
      project: project.id,
      slipped: milestoneSlips(project, progress, input.year),
      stalled: stalledMonths(progress, input.stallMonths),
    };
  });
}

/**
 * One month of an indicator fed by key projects, as the monthly review shows it: the sum of the
 * investment to date its projects reported for that month (null when none reported), how many of
 * them reported, the value the unit reported for the indicator, and whether the two differ. A
 * mismatch is shown to the reviewer, never refused.
 */
export interface ProjectInvestmentMonth {
  month: number;
  investment: number | null;
  reportedProjects: number;
  reportedValue: number | null;
  mismatch: boolean;
}

/**
 * Whether a projects' sum and a reported value differ: both known and apart by more than the
 * rounding of adding figures in floating point (one part in 10^9).
 */
export function investmentsDiffer(investment: number | null, reportedValue: number | null): boolean {
  if (investment === null || reportedValue === null) return false;
  return Math.abs(investment - reportedValue) > 1e-9 * Math.max(1, Math.abs(investment), Math.abs(reportedValue));
}

/**
 * Each month (1..12) of an indicator fed by key projects: the sum over `progress` (one entry per
 * project feeding it) of the investment to date reported for that very month. A project that
 * reported nothing for the month adds nothing (its figure of an earlier month is not carried
 * forward: the sum is what the month's progress says), and no report at all gives null.
 */
export function projectInvestmentByMonth(
  progress: readonly ProjectProgress[],
  reportedValueOf: (month: number) => number | null,
): ProjectInvestmentMonth[] {
  return MONTHS.map((month) => {
    const reported = progress.flatMap((project) => project[String(month)] ?? []);
    const investment = reported.length > 0 ? reported.reduce((sum, entry) => sum + entry.investment, 0) : null;
    const reportedValue = reportedValueOf(month);
    return {
      month,
      investment,
      reportedProjects: reported.length,
      reportedValue,
      mismatch: investmentsDiffer(investment, reportedValue),
    };
  });
}
