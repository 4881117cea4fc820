import { describe, expect, inject, it } from 'vitest';
import { runYearUnderFaults } from '../support/faults';
import { describeAnswers, expectClearAnswersWhileDown, expectYearSurvived } from '../support/faults-assertions';
import { FAULT_PLAN, faultYear } from '../support/fault-plan';

/**
 * CI's year under faults: the year of `npm run test:faults` (test/faults, 100 units) with its
 * plan (every part failing during a burst and during a close), its random worker kills and its
 * seed, on a district of 10 units. The properties it proves do not depend on the district's size;
 * the 100-unit run adds load, and is run before a release (docs/testing.md).
 */
const UNITS = 10;

describe(`a year of ${UNITS} units while each part of the stack fails during a burst and during a close`, () => {
  it('ends equal to `jiebang simulate` with nothing lost or doubled and every refusal clear and in time', async () => {
    const result = await runYearUnderFaults(
      inject('temporalCli'),
      faultYear(UNITS, (line) => process.stdout.write(`[faults-short] ${line}\n`)),
    );
    expectYearSurvived(result, UNITS);
    expectClearAnswersWhileDown(
      result,
      FAULT_PLAN.map((entry) => entry.fault),
    );
    expect(result.faultsInjected.length).toBeGreaterThanOrEqual(FAULT_PLAN.length);
    process.stdout.write(`[faults-short] ${describeAnswers(result)}; faults: ${result.faultsInjected.join('; ')}\n`);
  }, 1_200_000);
});
