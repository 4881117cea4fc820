/**
 * How long `simulate` takes for a generated year of 500 units in 5 categories (3-5 indicators
 * each, both ladders). A benchmark printing figures, not a timed test:
 *   npx tsx bench/simulate.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { validateScenario, type Scenario, type ScenarioInput } from '@jiebang/contracts';
import { simulate } from '@jiebang/domain';
import { mulberry32 } from './support/district';

const UNITS = 500;
const CATEGORIES = 5;
const RUNS = 7;
const TARGET_MS = 1000;
const SEED = 2026;

const DIMENSIONS = ['项目建设', '招商引资', '财政收入', '增速', '能耗降低', '政风评议'] as const;

/** Weights that add up to 100 exactly, in whole points. */
function weightsOf(count: number, random: () => number): number[] {
  const raw = Array.from({ length: count }, () => 1 + random() * 3);
  const total = raw.reduce((sum, weight) => sum + weight, 0);
  const weights = raw.map((weight) => Math.max(1, Math.floor((weight / total) * 100)));
  weights[0] += 100 - weights.reduce((sum, weight) => sum + weight, 0);
  return weights;
}

function customPlan(random: () => number): number[] {
  const steps = Array.from({ length: 12 }, () => 0.2 + random());
  const total = steps.reduce((sum, step) => sum + step, 0);
  let reached = 0;
  return steps.map((step, index) => {
    reached += step;
    return index === 11 ? 1 : Math.round((reached / total) * 10_000) / 10_000;
  });
}

/** A deterministic year: units spread over categories, mixed indicators, missed reports and a few vetoes. */
export function generateYear(units = UNITS, categories = CATEGORIES, seed = SEED): ScenarioInput {
  // Seeded, so every run benchmarks the same year.
  const random = mulberry32(seed);
  const indicators: ScenarioInput['indicators'] = [];
  const reports: Record<string, Record<string, Record<string, number>>> = {};
  const vetoes: ScenarioInput['vetoes'] = [];
  const unitList = Array.from({ length: units }, (_, index) => ({
    id: `u${String(index).padStart(3, '0')}`,
    name: `单位${index}`,
    category: `c${index % categories}`,
  }));
  for (const unit of unitList) {
    const count = 3 + Math.floor(random() * 3);
    const weights = weightsOf(count, random);
    const form = Math.pow(0.75 + random() * 0.5, 1);
    const own = weights.map((weight, index) => {
      const direction = random() < 0.8 ? ('increase' as const) : ('decrease' as const);
      const measure = direction === 'increase' && random() < 0.6 ? ('cumulative' as const) : ('rate' as const);
      const satisfactory =
        direction === 'increase' ? 1000 + Math.round(random() * 50_000) : 2 + Math.round(random() * 10);
      const disallowed = direction === 'increase' ? Math.round(satisfactory * 0.5) : satisfactory * 3;
      const indicator = {
        id: `${unit.id}-i${index}`,
        unit: unit.id,
        name: `指标${index}`,
        dimension: DIMENSIONS[Math.floor(random() * DIMENSIONS.length)],
        direction,
        measure,
        weight,
        satisfactory,
        disallowed,
        ...(measure === 'cumulative' && random() < 0.3 ? { plan: customPlan(random) } : {}),
      };
      indicators.push(indicator);
      return indicator;
    });
    reports[unit.id] = {};
    for (let month = 1; month <= 12; month += 1) {
      if (random() < 0.03) continue;
      reports[unit.id][String(month)] = Object.fromEntries(
        own.map((indicator) => {
          const noise = form * (0.85 + random() * 0.3);
          const target =
            indicator.measure === 'cumulative' ? (indicator.satisfactory * month) / 12 : indicator.satisfactory;
          return [
            indicator.id,
            Math.round((indicator.direction === 'increase' ? target * noise : target / noise) * 100) / 100,
          ];
        }),
      );
    }
    if (random() < 0.01)
      vetoes.push({ unit: unit.id, month: 1 + Math.floor(random() * 12), reason: '重大安全生产事故' });
  }
  return {
    format: 'jiebang-scenario/1',
    name: `Benchmark district (${units} units)`,
    year: 2026,
    policy: { ladders: ['rank', 'plan'], bottomN: 3 },
    categories: Array.from({ length: categories }, (_, index) => ({ id: `c${index}`, name: `类别${index}` })),
    units: unitList,
    indicators,
    reports,
    vetoes,
  };
}

function timed<T>(action: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = action();
  return { value, ms: performance.now() - started };
}

function summary(samples: number[]): { median: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0] };
}

export interface SimulateBenchFigures {
  units: number;
  indicators: number;
  cases: number;
  validateMedianMs: number;
  simulateMedianMs: number;
  simulateMinMs: number;
  unitsPerSecond: number;
}

/** Generates the year, validates it, simulates it `RUNS` times after a warm-up, and prints the figures. */
export function runSimulateBenchmark(
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): SimulateBenchFigures {
  const document = generateYear();
  const validations = Array.from({ length: 3 }, () => timed(() => validateScenario(document)));
  const validation = validations[0].value;
  if (!validation.ok)
    throw new Error(
      `the generated year is invalid: ${validation.problems
        .slice(0, 3)
        .map((problem) => `${problem.path}: ${problem.message}`)
        .join('; ')}`,
    );
  const scenario: Scenario = validation.scenario;
  const warmUp = simulate(scenario);
  const runs = Array.from({ length: RUNS }, () => timed(() => simulate(scenario)).ms);
  const { median, min } = summary(runs);
  const figures: SimulateBenchFigures = {
    units: scenario.units.length,
    indicators: scenario.indicators.length,
    cases: warmUp.cases.length,
    validateMedianMs: summary(validations.map((run) => run.ms)).median,
    simulateMedianMs: median,
    simulateMinMs: min,
    unitsPerSecond: (scenario.units.length / median) * 1000,
  };
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
  print(
    `simulate: ${figures.units} units in ${CATEGORIES} categories, ${figures.indicators} indicators, 12 months, ladders rank + plan (seed ${SEED})`,
  );
  print(`  validate scenario   median ${ms(figures.validateMedianMs)}`);
  print(
    `  simulate year       median ${ms(median)}   min ${ms(min)}   ${Math.round(figures.unitsPerSecond).toLocaleString('en')} units/s   (${RUNS} runs; target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'MISSED'})`,
  );
  print(`  cases fired         ${figures.cases.toLocaleString('en')}`);
  return figures;
}

if (require.main === module) runSimulateBenchmark();
