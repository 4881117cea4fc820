import { z } from 'zod';
import {
  categorySchema,
  boundedValueSchema,
  idSchema,
  nameSchema,
  indicatorSchema,
  policySchema,
  ratingsValueSchema,
  unitSchema,
  vetoEventSchema,
} from '@jiebang/domain';
import type { Problem } from './problem';
import { ratingsProblems } from './scenario-ratings';
import { keyProjectProblems, scenarioProjectsShape } from './scenario-projects';

/** The `format` of a scenario document. */
export const SCENARIO_FORMAT = 'jiebang-scenario/1';

/** A report value: a number, or in an indicator's rated months its raters' ratings (checked across fields). */
const reportValuesSchema = z.record(z.string(), z.union([boundedValueSchema('a value'), ratingsValueSchema]));

/** `reports[unit][month][indicator]`: the approved report values of each unit and month. */
const MONTH_KEY = /^(?:[1-9]|1[0-2])$/;
const reportsSchema = z.record(
  idSchema,
  z.record(z.string().regex(MONTH_KEY, { message: 'a month is a whole number from 1 to 12' }), reportValuesSchema),
);

/** The shape of a `jiebang-scenario/1` document; `validateScenario` adds the checks across fields. */
export const scenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT, {
      error: (issue) =>
        issue.input === undefined
          ? `required: "${SCENARIO_FORMAT}"`
          : `unknown format ${JSON.stringify(issue.input)}, expected "${SCENARIO_FORMAT}"`,
    }),
    name: nameSchema,
    year: z
      .number()
      .int({ message: 'a year is a whole number' })
      .min(1900, { message: 'a year is from 1900 to 9999' })
      .max(9999, { message: 'a year is from 1900 to 9999' }),
    policy: policySchema.prefault({}),
    categories: z.array(categorySchema).min(1, { message: 'list at least one category' }),
    units: z.array(unitSchema).min(1, { message: 'list at least one unit' }),
    indicators: z.array(indicatorSchema),
    reports: reportsSchema.default({}),
    vetoes: z.array(vetoEventSchema).default([]),
    ...scenarioProjectsShape,
  })
  .strict();

/** A valid scenario, the policy's defaults filled. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** A valid scenario, or every problem found. */
export type ScenarioValidation = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/**
 * Validates a `jiebang-scenario/1` document and reports every problem found, each with its
 * JSON path: the shape (types, unknown fields, finite numbers, plans, months) and the checks
 * across fields (ids that resolve, duplicate ids, weights adding up to the full score, reports
 * covering every indicator), the latter run on whatever parts are well formed.
 */
export function validateScenario(input: unknown): ScenarioValidation {
  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  const problems = inDocumentOrder(
    dedupe([...(parsed.success ? [] : parsed.error.issues.flatMap(problemsOfIssue)), ...crossFieldProblems(input)]),
  );
  if (parsed.success && problems.length === 0) return { ok: true, scenario: parsed.data };
  return { ok: false, problems };
}

/** Parses JSON text and validates it; a syntax error is one problem at `$`. */
export function parseScenarioJson(text: string): ScenarioValidation {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: '$', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  return validateScenario(document);
}

/** `indicators[3].weight`, `reports.u02.4.u02-i1`; `$` for the document itself. */
export function formatPath(path: readonly (string | number)[]): string {
  const text = path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
  return text === '' ? '$' : text;
}

type Issue = z.core.$ZodIssue;

function problemsOfIssue(issue: Issue): Problem[] {
  const path = issue.path.map(pathPart);
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: 'unknown field' }));
  // A record key that fails its schema (a month "13") is reported at the key, with the key schema's message.
  if (issue.code === 'invalid_key')
    return issue.issues.map((inner) => ({ path: formatPath(path), message: inner.message }));
  // A value no shape accepts is reported as the shape of its own kind refuses it: a string as not a
  // number, an object by what is wrong inside it (a union's first shape when no shape takes the kind).
  if (issue.code === 'invalid_union') {
    const ofItsKind = issue.errors.find(
      (inner) => !inner.some((each) => each.code === 'invalid_type' && each.path.length === 0),
    );
    const chosen = ofItsKind ?? issue.errors[0];
    if (chosen && chosen.length > 0)
      return chosen.flatMap((inner) => problemsOfIssue({ ...inner, path: [...issue.path, ...inner.path] }));
  }
  return [{ path: formatPath(path), message: messageOf(issue) }];
}

function pathPart(part: PropertyKey): string | number {
  return typeof part === 'symbol' ? String(part) : part;
}

function messageOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      // ±Infinity is a number of the wrong kind: its schema's own message says so.
      if (typeof issue.input === 'number' && !Number.isNaN(issue.input)) return issue.message;
      const received = jsonTypeOf(issue.input);
      const expected = issue.expected === 'record' ? 'object' : issue.expected;
      if (received === 'undefined') return `required (${expected})`;
      return `expected ${expected}, got ${received}`;
    }
    case 'invalid_value':
      // A literal's own message (the format) is kept; an enum lists what it accepts.
      if (issue.values.length === 1) return issue.message;
      return `expected one of ${issue.values.map((option) => JSON.stringify(option)).join(', ')}, got ${JSON.stringify(issue.input)}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    default:
      return issue.message;
  }
}

/** The type of a parsed JSON value as a message names it (`NaN` apart from numbers). */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

const FIELD_ORDER = Object.keys(scenarioSchema.shape);

/** Problems sorted by top-level field, then by list item, so all problems of one indicator come together. */
function inDocumentOrder(problems: Problem[]): Problem[] {
  const rankOf = (problem: Problem): [number, number] => {
    const match = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(problem.path);
    const field = match ? FIELD_ORDER.indexOf(match[1]) : -1;
    return [field === -1 ? -1 : field, match?.[2] !== undefined ? Number(match[2]) : -1];
  };
  const ranked = problems.map((problem) => ({ problem, rank: rankOf(problem) }));
  ranked.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]);
  return ranked.map(({ problem }) => problem);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- checks across fields. They read the raw document, field by field, so that one malformed
// field elsewhere in an item (reported above) does not hide a broken reference or a bad sum.

type RawItem = Record<string, unknown>;

function crossFieldProblems(input: unknown): Problem[] {
  if (!isRecord(input)) return [];
  const units = rawItems(input.units);
  const indicators = rawItems(input.indicators);
  const categoryIds = idsOf(rawItems(input.categories));
  const unitIds = idsOf(units);
  const problems: Problem[] = [
    ...duplicateIds('categories', 'category', input.categories),
    ...duplicateIds('units', 'unit', input.units),
    ...duplicateIds('indicators', 'indicator', input.indicators),
    ...unresolved('units', 'category', units, categoryIds),
    ...unresolved('indicators', 'unit', indicators, unitIds),
    ...unresolved('vetoes', 'unit', rawItems(input.vetoes), unitIds),
    ...indicators.flatMap(({ index, item }) => cooperatingProblems(index, item, unitIds)),
    ...reportCoverageProblems(input.reports, unitIds, indicators),
    ...ratingsProblems(input),
    ...keyProjectProblems(input),
  ];
  const policy = policySchema.safeParse(input.policy ?? {});
  if (policy.success) problems.push(...weightProblems(units, indicatorsByUnit(indicators), policy.data.fullScore));
  return problems;
}

function unresolved(list: string, field: string, items: Listed<RawItem>[], known: ReadonlySet<string>): Problem[] {
  return items.flatMap(({ index, item }) => {
    const id = item[field];
    return typeof id === 'string' && !known.has(id)
      ? [{ path: `${list}[${index}].${field}`, message: `unknown ${field} "${id}"` }]
      : [];
  });
}

function cooperatingProblems(index: number, indicator: RawItem, unitIds: ReadonlySet<string>): Problem[] {
  if (!Array.isArray(indicator.cooperating)) return [];
  return indicator.cooperating.flatMap((unit: unknown, position): Problem[] => {
    const path = `indicators[${index}].cooperating[${position}]`;
    if (typeof unit !== 'string') return [];
    if (!unitIds.has(unit)) return [{ path, message: `unknown unit "${unit}"` }];
    return unit === indicator.unit ? [{ path, message: `${unit} is the lead unit of this indicator` }] : [];
  });
}

/** Each unit's weights add up to the full score; a unit with a weight that is not a finite number is left to the shape check. */
function weightProblems(
  units: Listed<RawItem>[],
  indicatorsOf: ReadonlyMap<unknown, Listed<RawItem>[]>,
  fullScore: number,
): Problem[] {
  return units.flatMap(({ index, item: unit }): Problem[] => {
    if (typeof unit.id !== 'string') return [];
    const own = indicatorsOf.get(unit.id) ?? [];
    if (own.length === 0)
      return [
        {
          path: `units[${index}]`,
          message: `unit ${unit.id} has no indicators; its weights must add up to ${fullScore}`,
        },
      ];
    const weights = own.map(({ item }) => item.weight);
    if (!weights.every((weight): weight is number => typeof weight === 'number' && Number.isFinite(weight))) return [];
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    if (Math.abs(total - fullScore) <= 1e-9 * Math.max(1, fullScore)) return [];
    return [
      {
        path: `indicators[${own[0].index}].weight`,
        message: `unit ${unit.id} weights add up to ${Number(total.toFixed(6))}, expected ${fullScore}`,
      },
    ];
  });
}

/** Reports name known units, and each month's report holds a value for exactly the unit's indicators. */
function reportCoverageProblems(
  rawReports: unknown,
  unitIds: ReadonlySet<string>,
  indicators: Listed<RawItem>[],
): Problem[] {
  if (!isRecord(rawReports)) return [];
  const ownerOf = new Map(
    indicators.flatMap(({ item }) => (typeof item.id === 'string' ? [[item.id, item.unit] as const] : [])),
  );
  // An indicator whose own unit does not resolve is reported there, not again in every report naming it.
  const worthReporting = (indicator: string) => {
    const owner = ownerOf.get(indicator);
    return !(typeof owner === 'string' && !unitIds.has(owner));
  };
  const indicatorsOf = indicatorsByUnit(indicators);
  return Object.entries(rawReports).flatMap(([unit, months]): Problem[] => {
    if (!unitIds.has(unit)) return [{ path: `reports.${unit}`, message: `unknown unit "${unit}"` }];
    if (!isRecord(months)) return [];
    const expected = idsOf(indicatorsOf.get(unit) ?? []);
    return Object.entries(months).flatMap(([month, values]) => {
      if (!isRecord(values) || !MONTH_KEY.test(month)) return [];
      const missing = [...expected]
        .filter((indicator) => !(indicator in values))
        .map((indicator) => ({
          path: `reports.${unit}.${month}.${indicator}`,
          message: `missing: the report has no value for indicator ${indicator} of unit ${unit}`,
        }));
      const foreign = Object.keys(values)
        .filter((indicator) => !expected.has(indicator) && worthReporting(indicator))
        .map((indicator) => ({
          path: `reports.${unit}.${month}.${indicator}`,
          message: `unit ${unit} has no indicator "${indicator}"`,
        }));
      return [...missing, ...foreign];
    });
  });
}

function duplicateIds(list: string, what: string, raw: unknown): Problem[] {
  const firstAt = new Map<string, number>();
  return rawItems(raw).flatMap(({ index, item }): Problem[] => {
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

interface Listed<T> {
  index: number;
  item: T;
}

function indicatorsByUnit(indicators: Listed<RawItem>[]): Map<unknown, Listed<RawItem>[]> {
  const byUnit = new Map<unknown, Listed<RawItem>[]>();
  for (const indicator of indicators)
    byUnit.set(indicator.item.unit, [...(byUnit.get(indicator.item.unit) ?? []), indicator]);
  return byUnit;
}

/** The object items of a list, with their positions. */
function rawItems(raw: unknown): Listed<RawItem>[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown, index) => (isRecord(item) ? [{ index, item }] : []));
}

/** Ids of items, however malformed the rest of each item, so one bad field does not cascade into "unknown id". */
function idsOf(items: Listed<RawItem>[]): Set<string> {
  return new Set(items.flatMap(({ item }) => (typeof item.id === 'string' ? [item.id] : [])));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
