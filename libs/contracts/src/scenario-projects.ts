import { z } from 'zod';
import {
  MILESTONE_KINDS,
  idSchema,
  keyProjectSchema,
  leaderSchema,
  projectMonthSchema,
  type MilestoneKind,
} from '@jiebang/domain';
import type { Problem } from './problem';

const MONTH_KEY = /^(?:[1-9]|1[0-2])$/;

/**
 * The optional key-project fields of a `jiebang-scenario/1` document (三挂): `leaders`, `projects`
 * and `progress[project][month]`. Absent, the scenario is as before (and so is its digest).
 */
export const scenarioProjectsShape = {
  leaders: z.array(leaderSchema).optional(),
  projects: z.array(keyProjectSchema).optional(),
  progress: z
    .record(
      idSchema,
      z.record(z.string().regex(MONTH_KEY, { message: 'a month is a whole number from 1 to 12' }), projectMonthSchema),
    )
    .optional(),
};

type RawItem = Record<string, unknown>;
interface Listed {
  index: number;
  item: RawItem;
}

/**
 * The checks across fields of the key projects, on the raw document so that a malformed field
 * elsewhere does not hide them: ids that resolve (unit, leader, indicator, the projects of
 * `progress`), the indicator belonging to the owner unit, milestones in their order with
 * non-decreasing due dates inside the cycle's year (a later `completed` date allowed), and
 * progress whose investment to date never decreases and whose milestones are the project's,
 * each reported once.
 */
export function keyProjectProblems(input: Record<string, unknown>): Problem[] {
  const leaders = rawItems(input.leaders);
  const projects = rawItems(input.projects);
  const unitIds = idsOf(rawItems(input.units));
  const leaderIds = idsOf(leaders);
  const ownerOfIndicator = new Map(
    rawItems(input.indicators).flatMap(({ item }) => (typeof item.id === 'string' ? [[item.id, item.unit]] : [])),
  );
  const year = typeof input.year === 'number' && Number.isInteger(input.year) ? input.year : undefined;
  return [
    ...duplicateIds('leaders', 'leader', leaders),
    ...duplicateIds('projects', 'project', projects),
    ...projects.flatMap(({ index, item }) => [
      ...referenceProblems(index, item, unitIds, leaderIds, ownerOfIndicator),
      ...investmentPlanProblems(index, item),
      ...milestonePlanProblems(index, item, year),
    ]),
    ...progressProblems(input.progress, projects),
    ...weeklyDispatchProblems(input.policy, idsOf(rawItems(input.categories))),
  ];
}

/** `policy.weeklyDispatch.categories`: each a category of the scenario. */
function weeklyDispatchProblems(policy: unknown, categoryIds: ReadonlySet<string>): Problem[] {
  if (!isRecord(policy) || !isRecord(policy.weeklyDispatch)) return [];
  const { categories } = policy.weeklyDispatch;
  if (!Array.isArray(categories)) return [];
  return categories.flatMap((category: unknown, index) =>
    typeof category === 'string' && !categoryIds.has(category)
      ? [{ path: `policy.weeklyDispatch.categories[${index}]`, message: `unknown category "${category}"` }]
      : [],
  );
}

function referenceProblems(
  index: number,
  project: RawItem,
  unitIds: ReadonlySet<string>,
  leaderIds: ReadonlySet<string>,
  ownerOfIndicator: ReadonlyMap<unknown, unknown>,
): Problem[] {
  const path = (field: string) => `projects[${index}].${field}`;
  const problems: Problem[] = [];
  const { unit, leader, indicator } = project;
  if (typeof unit === 'string' && !unitIds.has(unit))
    problems.push({ path: path('unit'), message: `unknown unit "${unit}"` });
  if (typeof leader === 'string' && !leaderIds.has(leader))
    problems.push({ path: path('leader'), message: `unknown leader "${leader}": list it under "leaders"` });
  if (typeof indicator === 'string') {
    const owner = ownerOfIndicator.get(indicator);
    if (!ownerOfIndicator.has(indicator))
      problems.push({ path: path('indicator'), message: `unknown indicator "${indicator}"` });
    else if (typeof unit === 'string' && unitIds.has(unit) && owner !== unit)
      problems.push({
        path: path('indicator'),
        message: `indicator ${indicator} belongs to unit ${String(owner)}, not to the project's owner unit ${unit}`,
      });
  }
  return problems;
}

function investmentPlanProblems(index: number, project: RawItem): Problem[] {
  const { plannedInvestment: total, yearInvestment: year } = project;
  if (typeof total !== 'number' || typeof year !== 'number' || !(year > total)) return [];
  return [
    {
      path: `projects[${index}].yearInvestment`,
      message: `this year's planned investment ${year} is above the project's total planned investment ${total}`,
    },
  ];
}

const ORDER_TEXT = MILESTONE_KINDS.join(', ');
const isKind = (kind: unknown): kind is MilestoneKind => (MILESTONE_KINDS as readonly unknown[]).includes(kind);
const DATE = /^(\d{4})-(\d{2})-\d{2}$/;

/** Milestones: each kind once, in the only order, due dates non-decreasing and inside the cycle's year. */
function milestonePlanProblems(index: number, project: RawItem, year: number | undefined): Problem[] {
  const path = (position: number, field: string) => `projects[${index}].milestones[${position}].${field}`;
  const problems: Problem[] = [];
  const firstAt = new Map<MilestoneKind, number>();
  let latest: { kind: MilestoneKind; order: number } | undefined;
  let previousDue: { due: string; kind: unknown } | undefined;
  rawItems(project.milestones).forEach(({ index: position, item: { kind, due } }) => {
    if (isKind(kind)) {
      const first = firstAt.get(kind);
      const order = MILESTONE_KINDS.indexOf(kind);
      if (first !== undefined)
        problems.push({
          path: path(position, 'kind'),
          message: `milestone ${kind} is listed twice, first at milestones[${first}]`,
        });
      else if (latest && order < latest.order)
        problems.push({
          path: path(position, 'kind'),
          message: `milestone ${kind} is listed after ${latest.kind}: milestones go in the order ${ORDER_TEXT}`,
        });
      if (first === undefined) firstAt.set(kind, position);
      if (!latest || order > latest.order) latest = { kind, order };
    }
    if (typeof due !== 'string' || !DATE.test(due)) return;
    if (year !== undefined) {
      const dueYear = Number(due.slice(0, 4));
      if (dueYear < year || (dueYear > year && kind !== 'completed'))
        problems.push({
          path: path(position, 'due'),
          message: `${due} is outside the cycle's year ${year}${dueYear > year ? ' (only completed may fall later)' : ''}`,
        });
    }
    if (previousDue && due < previousDue.due)
      problems.push({
        path: path(position, 'due'),
        message: `${due} is before ${previousDue.due}, the due date of ${String(previousDue.kind)}: due dates never decrease`,
      });
    if (!previousDue || due >= previousDue.due) previousDue = { due, kind };
  });
  return problems;
}

/** Progress names listed projects; investment to date never decreases; each milestone is the project's and reported once. */
function progressProblems(rawProgress: unknown, projects: Listed[]): Problem[] {
  if (!isRecord(rawProgress)) return [];
  const milestonesOf = new Map(
    projects.flatMap(({ item }) =>
      typeof item.id === 'string'
        ? [[item.id, new Set(rawItems(item.milestones).map(({ item: milestone }) => milestone.kind))]]
        : [],
    ),
  );
  return Object.entries(rawProgress).flatMap(([project, months]): Problem[] => {
    const planned = milestonesOf.get(project);
    if (!planned)
      return [{ path: `progress.${project}`, message: `unknown project "${project}": list it under "projects"` }];
    if (!isRecord(months)) return [];
    const problems: Problem[] = [];
    let toDate: { investment: number; month: string } | undefined;
    const reachedIn = new Map<MilestoneKind, string>();
    const inMonthOrder = Object.entries(months)
      .filter(([month, reported]) => MONTH_KEY.test(month) && isRecord(reported))
      .sort(([a], [b]) => Number(a) - Number(b)) as [string, RawItem][];
    for (const [month, { investment, milestones }] of inMonthOrder) {
      const path = `progress.${project}.${month}`;
      if (typeof investment === 'number' && Number.isFinite(investment)) {
        if (toDate && investment < toDate.investment)
          problems.push({
            path: `${path}.investment`,
            message: `investment to date ${investment} is below ${toDate.investment}, reported in month ${toDate.month}: it never decreases`,
          });
        else toDate = { investment, month };
      }
      if (!Array.isArray(milestones)) continue;
      milestones.forEach((kind: unknown, position) => {
        if (!isKind(kind)) return;
        const at = `${path}.milestones[${position}]`;
        const earlier = reachedIn.get(kind);
        if (!planned.has(kind)) problems.push({ path: at, message: `project ${project} has no milestone ${kind}` });
        else if (earlier !== undefined)
          problems.push({
            path: at,
            message:
              earlier === month
                ? `milestone ${kind} is reported twice in month ${month}`
                : `milestone ${kind} was already reported reached in month ${earlier}`,
          });
        else reachedIn.set(kind, month);
      });
    }
    return problems;
  });
}

function duplicateIds(list: string, what: string, items: Listed[]): Problem[] {
  const firstAt = new Map<string, number>();
  return items.flatMap(({ index, item }): Problem[] => {
    if (typeof item.id !== 'string') return [];
    const first = firstAt.get(item.id);
    if (first === undefined) {
      firstAt.set(item.id, index);
      return [];
    }
    return [
      { path: `${list}[${index}].id`, message: `duplicate ${what} id "${item.id}", first used at ${list}[${first}]` },
    ];
  });
}

function rawItems(raw: unknown): Listed[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown, index) => (isRecord(item) ? [{ index, item }] : []));
}

function idsOf(items: Listed[]): Set<string> {
  return new Set(items.flatMap(({ item }) => (typeof item.id === 'string' ? [item.id] : [])));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
