import { describe, expect, inject, it } from 'vitest';
import { runYearUnderFaults } from '../support/faults';
import { describeAnswers, expectClearAnswersWhileDown, expectYearSurvived } from '../support/faults-assertions';
import { FAULT_PLAN, faultYear } from '../support/fault-plan';

/**
 * `npm run test:faults`: a year of 100 units while every part of the stack fails at some point.
 * FAULT_UNITS makes the district larger or smaller. CI runs the same year on fewer units
 * (test/integration/faults-short.test.ts; docs/testing.md says why).
 */
const UNITS = Number(process.env.FAULT_UNITS ?? 100);

describe(`a year of ${UNITS} units while the worker, Temporal, Postgres and the API fail`, () => {
  it('ends equal to `jiebang simulate`, loses and doubles nothing, and answers every request in time', async () => {
    const result = await runYearUnderFaults(
      inject('temporalCli'),
      faultYear(UNITS, (line) => process.stdout.write(`[faults] ${line}\n`)),
    );
    expectYearSurvived(result, UNITS);
    expectClearAnswersWhileDown(
      result,
      FAULT_PLAN.map((entry) => entry.fault),
    );
    expect(result.faultsInjected.length).toBeGreaterThanOrEqual(FAULT_PLAN.length);
    process.stdout.write(`[faults] ${describeAnswers(result)}; faults: ${result.faultsInjected.join('; ')}\n`);
  }, 3_600_000);
});
