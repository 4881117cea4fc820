import type { FaultPlan, YearUnderFaultsOptions } from './faults';

/**
 * The faults of a year under faults: every part of the stack (Postgres, the API, Temporal, the
 * worker) fails once during a month's burst of submissions and once during a month's close.
 */
export const FAULT_PLAN: FaultPlan[] = [
  { month: 2, fault: 'postgres', during: 'burst' },
  { month: 3, fault: 'api', during: 'burst' },
  { month: 4, fault: 'temporal', during: 'burst' },
  { month: 5, fault: 'temporal', during: 'close' },
  { month: 6, fault: 'postgres', during: 'close' },
  { month: 7, fault: 'worker', during: 'close' },
  { month: 8, fault: 'worker', during: 'burst' },
  { month: 9, fault: 'api', during: 'close' },
];

/**
 * The year of `test/faults` (100 units) and of CI's `test/integration/faults-short.test.ts`
 * (fewer units): the same plan, random worker kills and seed, so both prove the same properties
 * and differ only in the district's size.
 */
export function faultYear(units: number, log?: (line: string) => void): YearUnderFaultsOptions {
  return { units, indicatorsPerUnit: 3, plan: FAULT_PLAN, randomWorkerKills: true, seed: 20_261_201, log };
}
