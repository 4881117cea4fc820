import { describe, expect, inject, it } from 'vitest';
import { runYearUnderFaults, type FaultPlan } from '../support/faults';
import { describeAnswers, expectClearAnswersWhileDown, expectYearSurvived } from '../support/faults-assertions';

/** The short variant of `npm run test:faults` (test/faults): 10 units, each part failing once. */
const PLAN: FaultPlan[] = [
  { month: 1, fault: 'postgres', during: 'burst' },
  { month: 2, fault: 'temporal', during: 'close' },
  { month: 3, fault: 'api', during: 'burst' },
  { month: 4, fault: 'worker', during: 'close' },
];
const UNITS = 10;

describe('a short year while each part of the stack fails once', () => {
  it('ends equal to `jiebang simulate` with nothing lost or doubled and every refusal clear and in time', async () => {
    const result = await runYearUnderFaults(inject('temporalCli'), {
      units: UNITS,
      indicatorsPerUnit: 2,
      plan: PLAN,
      randomWorkerKills: false,
      seed: 20_261_202,
    });
    expectYearSurvived(result, UNITS);
    expectClearAnswersWhileDown(
      result,
      PLAN.map((entry) => entry.fault),
    );
    expect(result.faultsInjected).toHaveLength(PLAN.length);
    process.stdout.write(`[faults-short] ${describeAnswers(result)}\n`);
  }, 1_200_000);
});
