import type { Scenario } from './scenario';

/** Types derived from the scenario format, the single definition of what a cycle holds. */
export type ScenarioIndicator = Scenario['indicators'][number];
export type ScenarioUnit = Scenario['units'][number];
export type ScenarioCategory = Scenario['categories'][number];
export type Direction = ScenarioIndicator['direction'];
export type Measure = ScenarioIndicator['measure'];

/** One of the twelve assessment periods of a cycle, as ISO-8601 instants. */
export type { CyclePeriodSpan as CyclePeriod } from '@jiebang/domain';
