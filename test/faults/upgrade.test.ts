import { describe, expect, inject, it } from 'vitest';
import { runYearUnderFaults } from '../support/faults';
import { describeAnswers, expectYearSurvived } from '../support/faults-assertions';
import { buildPreviousVersion, previousVersion } from '../support/previous-version';

/**
 * The upgrade test: a year started by the previous version's worker (its own build of that
 * commit: workflow bundle and activities) continues under the current one from month 6 and ends
 * equal to `jiebang simulate`. Months 7 to 12 open after the upgrade, so each unit year's run
 * from before it meets a month boundary under the current code, and must hand over to a new run
 * there (`continueAsNew`, behind its patch) with everything it knew. The previous version is
 * UPGRADE_FROM, else the newest recorded history folder of other workflow code (test/histories);
 * without either there is nothing to upgrade from, and the test says so.
 */
const UNITS = 10;
/** Import, pledges and months 1 to 6 of 10 units take about 5 minutes here; the upgrade comes during month 6. */
const LATER_MONTHS = { from: 7, openAfterMs: 600_000 };
const from = previousVersion();

describe('an upgrade in the middle of a year', () => {
  it.skipIf(from === undefined)(
    `continues a year started by ${from ?? '(no previous version recorded)'} under the current code`,
    async () => {
      const initialWorker = buildPreviousVersion(from!);
      const result = await runYearUnderFaults(inject('temporalCli'), {
        units: UNITS,
        indicatorsPerUnit: 2,
        plan: [{ month: 6, fault: 'upgrade', during: 'burst' }],
        randomWorkerKills: false,
        seed: 20_261_203,
        initialWorker,
        laterMonths: LATER_MONTHS,
        log: (line) => process.stdout.write(`[upgrade] ${line}\n`),
      });
      expectYearSurvived(result, UNITS);
      expect(result.faultsInjected).toHaveLength(1);
      const handOver = result.handOver!;
      expect(
        handOver.upgradedAt,
        'the upgrade came after month 7 had opened, so no run met a boundary under the new code: raise openAfterMs',
      ).toBeLessThan(handOver.laterMonthsOpenedAt!);
      expect(handOver.notHandedOver).toEqual([]);
      expect(handOver.handedOver).toHaveLength(UNITS);
      process.stdout.write(`[upgrade] ${describeAnswers(result)}\n`);
    },
    1_800_000,
  );
});
