import { describe, expect, inject, it } from 'vitest';
import { runYearUnderFaults } from '../support/faults';
import { describeAnswers, expectYearSurvived } from '../support/faults-assertions';
import { buildPreviousVersion, previousVersion } from '../support/previous-version';

/**
 * The upgrade test: a year started by the previous version's worker (its own build of that
 * commit: workflow bundle and activities) continues under the current one from month 6 and ends
 * equal to `jiebang simulate`. The previous version is UPGRADE_FROM, else the newest recorded
 * history folder of other workflow code (test/histories); without either there is nothing to
 * upgrade from, and the test says so.
 */
const UNITS = 10;
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
        log: (line) => process.stdout.write(`[upgrade] ${line}\n`),
      });
      expectYearSurvived(result, UNITS);
      expect(result.faultsInjected).toHaveLength(1);
      process.stdout.write(`[upgrade] ${describeAnswers(result)}\n`);
    },
    1_800_000,
  );
});
