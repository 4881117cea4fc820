import { afterAll, beforeAll, describe, it } from 'vitest';
import { runExampleYearLive, suiteSystem } from '../support/live-year';
import { startJiebangSuite, type JiebangSuite } from '../support/suite';

/**
 * The example district's year (vetoes, rated indicators, head confirmation, cases) on a stack that
 * keeps running: it proves the live system equals `jiebang simulate` on the rulebook's example.
 * The same year runs on the production topology (test/cluster/live-year.test.ts). That the year
 * also survives a worker, Temporal, Postgres or API failing, losing and doubling nothing, the
 * year under faults proves (faults-short.test.ts; docs/testing.md).
 */
describe('a whole year on the live system equals `jiebang simulate`', () => {
  let suite: JiebangSuite;

  beforeAll(async () => {
    suite = await startJiebangSuite('annual-suite');
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('runs the example district month by month over HTTP and ends with the simulated ranks, cases and results', async () => {
    await runExampleYearLive(suiteSystem(suite, '[annual]'));
  }, 600_000);
});
