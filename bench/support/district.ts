import type { ScenarioInput } from '@jiebang/contracts';
import type { Direction, Measure, PolicyInput, ReportValues } from '@jiebang/domain';

/** How large a generated district is. */
export interface DistrictShape {
  units: number;
  indicatorsPerUnit: number;
  categories: number;
}

/**
 * The district every benchmark runs on: 1,000 units, 10 indicators each, in 5 categories.
 * BENCH_UNITS makes it smaller (or larger) for a quick try of a benchmark; targets are for 1,000.
 */
export const BENCH_DISTRICT: DistrictShape = {
  units: Number(process.env.BENCH_UNITS ?? 1_000),
  // 5,000 units of 10 indicators exceed the 5 MB that POST /cycles accepts: bench/run.ts gives 4.
  indicatorsPerUnit: Number(process.env.BENCH_INDICATORS ?? 10),
  categories: 5,
};

/** One unit in twenty misses its targets; the rest over-fulfil them. */
const WEAK_EVERY = 20;

/** A period of the cycle's calendar, as a scenario writes it. */
export interface Period {
  start: string;
  end: string;
}

export interface DistrictOptions {
  name: string;
  year: number;
  periods: Period[];
  /** Merged over the policy every generated district has (score cap 120, rank ladder). */
  policy: PolicyInput;
  shape?: DistrictShape;
  /** Seeds the generator: the same seed gives the same district and the same reports. */
  seed?: number;
  /**
   * Unit ids are this and a number (`u` unless given: u001…). Districts imported into one database
   * must not give one id two names (the district's unit register refuses it): the cluster suite's
   * generated districts use `g`, the example district's units are u01…u08.
   */
  unitIdPrefix?: string;
}

export interface GeneratedDistrict {
  scenario: ScenarioInput;
  unitIds: string[];
  /** Units generated to fall short of their targets: they lag, fire cases and miss the annual task. */
  weakUnitIds: string[];
  /** The approved values of every unit for `month` (cumulative amounts to date, levels as they stand). */
  reportsOf(month: number): Record<string, ReportValues>;
}

interface Template {
  name: string;
  dimension: string;
  direction: Direction;
  measure: Measure;
  satisfactory: number;
  disallowed: number;
}

/** A target list typical of a district unit; amounts scale with the unit's size. */
const TEMPLATES: Template[] = [
  {
    name: '招商引资到位资金',
    dimension: '招商引资',
    direction: 'increase',
    measure: 'cumulative',
    satisfactory: 24_000,
    disallowed: 12_000,
  },
  {
    name: '重点项目完成投资',
    dimension: '项目建设',
    direction: 'increase',
    measure: 'cumulative',
    satisfactory: 50_000,
    disallowed: 30_000,
  },
  {
    name: '一般公共预算收入',
    dimension: '财政收入',
    direction: 'increase',
    measure: 'cumulative',
    satisfactory: 8_000,
    disallowed: 5_000,
  },
  {
    name: '固定资产投资增速',
    dimension: '经济发展',
    direction: 'increase',
    measure: 'rate',
    satisfactory: 12,
    disallowed: 4,
  },
  {
    name: '营商环境满意率',
    dimension: '营商环境',
    direction: 'increase',
    measure: 'rate',
    satisfactory: 95,
    disallowed: 80,
  },
  {
    name: '生产安全事故',
    dimension: '安全生产',
    direction: 'decrease',
    measure: 'rate',
    satisfactory: 2,
    disallowed: 10,
  },
  {
    name: '单位GDP能耗',
    dimension: '生态环保',
    direction: 'decrease',
    measure: 'rate',
    satisfactory: 0.5,
    disallowed: 0.8,
  },
  { name: '信访积案', dimension: '社会治理', direction: 'decrease', measure: 'rate', satisfactory: 5, disallowed: 20 },
  {
    name: '民生实事完成数',
    dimension: '民生保障',
    direction: 'increase',
    measure: 'cumulative',
    satisfactory: 100,
    disallowed: 60,
  },
  {
    name: '高新技术企业培育',
    dimension: '科技创新',
    direction: 'increase',
    measure: 'cumulative',
    satisfactory: 30,
    disallowed: 15,
  },
];

const CATEGORY_NAMES = ['经济部门', '乡镇街道', '党群部门', '政法部门', '社会事业部门', '垂管部门', '国有企业'];

/**
 * A deterministic district for benchmarks. Units take categories in turn; every twentieth
 * unit of a category is weak (strength 0.80–0.96: behind plan, lagging, annual task missed),
 * the others strong (1.03–1.15: every target met, scores spread above 100 by the 120 cap), so
 * each category has one clear laggard a month and cases stay proportionate. Monthly noise is
 * ±2 %, never enough to move a strong unit below a target.
 */
export function generateDistrict(options: DistrictOptions): GeneratedDistrict {
  const shape = options.shape ?? BENCH_DISTRICT;
  const random = mulberry32(options.seed ?? 20_260_101);
  const categories = Array.from({ length: shape.categories }, (_, index) => ({
    id: `c${index + 1}`,
    name: CATEGORY_NAMES[index % CATEGORY_NAMES.length] ?? `类别${index + 1}`,
  }));
  const width = String(shape.units).length;
  const units = Array.from({ length: shape.units }, (_, index) => {
    const weak = Math.floor(index / shape.categories) % WEAK_EVERY === WEAK_EVERY - 1;
    return {
      id: `${options.unitIdPrefix ?? 'u'}${String(index + 1).padStart(width, '0')}`,
      category: categories[index % shape.categories]!.id,
      strength: weak ? 0.8 + 0.16 * random() : 1.03 + 0.12 * random(),
      size: 0.5 + 1.5 * random(),
      weak,
    };
  });
  const weight = 100 / shape.indicatorsPerUnit;
  const indicators = units.flatMap((unit) =>
    Array.from({ length: shape.indicatorsPerUnit }, (_, position) => {
      const template = TEMPLATES[position % TEMPLATES.length]!;
      const scale = template.measure === 'cumulative' ? unit.size : 1;
      return {
        id: `${unit.id}-i${String(position + 1).padStart(2, '0')}`,
        unit: unit.id,
        name: template.name,
        dimension: template.dimension,
        direction: template.direction,
        measure: template.measure,
        weight,
        satisfactory: round(template.satisfactory * scale),
        disallowed: round(template.disallowed * scale),
      };
    }),
  );
  // Noise is drawn once, up front, so a month's values do not depend on which months were asked for before.
  const noise = indicators.map(() => Array.from({ length: 12 }, () => 1 + 0.04 * (random() - 0.5)));
  const strengthOf = new Map(units.map((unit) => [unit.id, unit.strength]));

  const reportsOf = (month: number): Record<string, ReportValues> => {
    const reports: Record<string, Record<string, number>> = {};
    indicators.forEach((indicator, position) => {
      const strength = strengthOf.get(indicator.unit)!;
      const wobble = noise[position]![month - 1]!;
      const planToDate = indicator.measure === 'cumulative' ? month / 12 : 1;
      const achieved = indicator.direction === 'increase' ? strength : 2 - strength;
      (reports[indicator.unit] ??= {})[indicator.id] = round(indicator.satisfactory * planToDate * achieved * wobble);
    });
    return reports;
  };

  const scenario: ScenarioInput = {
    format: 'jiebang-scenario/1',
    name: options.name,
    year: options.year,
    policy: { scoreCap: 120, ...options.policy, calendar: { periods: options.periods } },
    categories,
    units: units.map(({ id, category }) => ({ id, name: `单位${id}`, category })),
    indicators,
    reports: {},
    vetoes: [],
  };
  return {
    scenario,
    unitIds: units.map((unit) => unit.id),
    weakUnitIds: units.filter((unit) => unit.weak).map((unit) => unit.id),
    reportsOf,
  };
}

/** Twelve contiguous periods: the first `firstMs` long from `start`, the others `restMs` each. */
export function periodsFrom(start: number, firstMs: number, restMs: number): Period[] {
  return periodsEnding(
    start,
    Array.from({ length: 12 }, (_, index) => start + firstMs + index * restMs),
  );
}

/** Twelve back-to-back periods from `start`, each ending at its entry of `ends` (epoch ms, rising). */
export function periodsEnding(start: number, ends: number[]): Period[] {
  return ends.map((end, index) => ({
    start: new Date(index === 0 ? start : ends[index - 1]!).toISOString(),
    end: new Date(end).toISOString(),
  }));
}

/** A small, fast, seeded PRNG (mulberry32): benchmark data must be the same on every run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
