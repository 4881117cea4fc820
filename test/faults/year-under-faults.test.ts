import { describe, expect, inject, it } from 'vitest';
import { runYearUnderFaults, type FaultPlan } from '../support/faults';
import { describeAnswers, expectClearAnswersWhileDown, expectYearSurvived } from '../support/faults-assertions';

/**
 * `npm run test:faults`: a year of 100 units while every part of the stack fails at some point.
 * FAULT_UNITS makes the district larger or smaller.
 */
const PLAN: FaultPlan[] = [
  { month: 2, fault: 'postgres', during: 'burst' },
  { month: 3, fault: 'api', during: 'burst' },
  { month: 4, fault: 'temporal', during: 'burst' },
  { month: 5, fault: 'temporal', during: 'close' },
  { month: 6, fault: 'postgres', during: 'close' },
  { month: 7, fault: 'worker', during: 'close' },
  { month: 8, fault: 'worker', during: 'burst' },
  { month: 9, fault: 'api', during: 'close' },
];

describe('a year of 100 units while the worker, Temporal, Postgres and the API fail', () => {
  it('ends equal to `jiebang simulate`, loses and doubles nothing, and answers every request in time', async () => {
    const result = await runYearUnderFaults(inject('temporalCli'), {
      units: Number(process.env.FAULT_UNITS ?? 100),
      indicatorsPerUnit: 3,
      plan: PLAN,
      randomWorkerKills: true,
      seed: 20_261_201,
      log: (line) => process.stdout.write(`[faults] ${line}\n`),
    });
    expectYearSurvived(result, Number(process.env.FAULT_UNITS ?? 100));
    expectClearAnswersWhileDown(
      result,
      PLAN.map((entry) => entry.fault),
    );
    expect(result.faultsInjected.length).toBeGreaterThanOrEqual(PLAN.length);
    process.stdout.write(`[faults] ${describeAnswers(result)}; faults: ${result.faultsInjected.join('; ')}\n`);
  }, 3_600_000);
});
