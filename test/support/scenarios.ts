import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The example district as a fresh object, its year moved to start tomorrow (see monthsFromTomorrow). */
export function demoScenario(): Record<string, unknown> {
  const scenario = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/district-2026.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  scenario.policy = { ...(scenario.policy as Record<string, unknown>), calendar: { periods: monthsFromTomorrow() } };
  return scenario;
}

/** A scenario as a live cycle takes it: its simulated `reports` and `vetoes` removed (the import refuses them). */
export function withoutHistory(scenario: Record<string, unknown>): Record<string, unknown> {
  return { ...scenario, reports: {}, vetoes: [] };
}

const DAY_MS = 86_400_000;

/** Twelve day-long months from tomorrow 00:00 UTC: nothing of the year happens while a test runs. */
function monthsFromTomorrow(): Array<{ start: string; end: string }> {
  const tomorrow = (Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS; // whole days: two calls give the same calendar
  return Array.from({ length: 12 }, (_, index) => ({
    start: new Date(tomorrow + index * DAY_MS).toISOString(),
    end: new Date(tomorrow + (index + 1) * DAY_MS).toISOString(),
  }));
}

const FIRST_MONTH_MS = 4_000;
const LATER_MONTH_MS = 3_600_000;

/** Twelve months of which the first, 4 s long, ends at `monthOneEnds`; the later ones are an hour long, out of a test's way. */
export function monthOneEndingAt(monthOneEnds: number): Array<{ start: string; end: string }> {
  const boundaries = [
    monthOneEnds - FIRST_MONTH_MS,
    ...Array.from({ length: 12 }, (_, index) => monthOneEnds + index * LATER_MONTH_MS),
  ];
  return boundaries.slice(0, 12).map((start, index) => ({
    start: new Date(start).toISOString(),
    end: new Date(boundaries[index + 1]!).toISOString(),
  }));
}

/** A small valid cycle: two units of one category, one indicator each; `policy` overrides the defaults. */
export function tinyScenario(name: string, policy: Record<string, unknown> = {}): Record<string, unknown> {
  const indicator = (unit: string) => ({
    id: `${unit}-invest`,
    unit,
    name: '固定资产投资',
    dimension: '项目建设',
    direction: 'increase',
    measure: 'cumulative',
    weight: 100,
    satisfactory: 24000,
    disallowed: 12000,
  });
  return {
    format: 'jiebang-scenario/1',
    name,
    year: 2026,
    policy: { calendar: { periods: monthsFromTomorrow() }, ...policy },
    categories: [{ id: 'econ', name: '经济部门' }],
    units: [
      { id: 'u-a', name: '区发改局', category: 'econ' },
      { id: 'u-b', name: '区商务局', category: 'econ' },
    ],
    indicators: [indicator('u-a'), indicator('u-b')],
    reports: {},
    vetoes: [],
  };
}
