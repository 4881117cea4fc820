import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistrict, periodsEnding } from '../../bench/support/district';
import { crash, spawnWorkerProcess, type WorkerProcess } from '../support/jiebang';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const UNITS_PER_IMPORT = 100;
const MAX_IMPORTS = 12;
/** After its Worker failed, the process closes and ends within this (main.ts ends it after 30 s at the latest). */
const ENDS_WITHIN_MS = 40_000;

/**
 * A Worker of the worker process fails when its workflow thread runs out of heap (what stalled the
 * one-worker round of bench:cluster): both Workers stop polling, and the process must end so that
 * its supervisor (start:cluster, compose, Kubernetes) starts a new one. It used to stay up, serving
 * /metrics with no poller, and every Update waited for a workflow task no one would take.
 */
describe('a worker whose workflow thread runs out of heap', () => {
  let suite: JiebangSuite;
  let worker: WorkerProcess | undefined;
  beforeAll(async () => {
    suite = await startJiebangSuite('worker-failure', { inProcessWorker: false });
  });
  afterAll(async () => {
    if (worker) await crash(worker);
    await suite?.stop();
  });

  it('ends its process with exit code 1 instead of staying up without a poller', async () => {
    // The smallest heap the configuration allows, and a cache that never evicts: a few hundred
    // unit workflows fill the thread's heap.
    worker = await spawnWorkerProcess(suite.config, undefined, {
      WORKER_WORKFLOW_HEAP_MB: '128',
      WORKER_MAX_CACHED_WORKFLOWS: '5000',
    });
    let output = '';
    const failed = new Promise<void>((resolveFailed) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/FATAL.*failed, stopping|FATAL.*worker stopped/.test(output)) resolveFailed();
      };
      worker!.stdout?.on('data', onData);
      worker!.stderr?.on('data', onData);
    });
    let failedAt: number | undefined;
    void failed.then(() => (failedAt = Date.now()));
    const exited = new Promise<number | null>((done) => worker!.once('exit', (code) => done(code)));

    for (let round = 1; round <= MAX_IMPORTS && failedAt === undefined; round++) {
      const monthOneEnds = Date.now() + 3_600_000;
      const district = generateDistrict({
        name: `Out of heap ${round}`,
        year: 2026,
        periods: periodsEnding(
          monthOneEnds - 4_000,
          Array.from({ length: 12 }, (_, index) => monthOneEnds + index * 3_600_000),
        ),
        shape: { units: UNITS_PER_IMPORT, indicatorsPerUnit: 10, categories: 5 },
        seed: round,
        policy: { pledgeDeadline: '2h', reminderOffsets: ['1h'], reportWindow: '2h', appealWindow: '1s' },
      });
      // Each import starts a workflow per unit, each cached by the only worker; the answer does not matter.
      await suite.call('POST', '/cycles', { actor: ACTORS.assessor, body: district.scenario, timeoutMs: 60_000 });
      await Promise.race([failed, new Promise((done) => setTimeout(done, 2_000))]);
    }
    expect(
      failedAt,
      `no Worker failed after ${MAX_IMPORTS * UNITS_PER_IMPORT} units:\n${output.slice(-3_000)}`,
    ).toBeDefined();
    const code = await Promise.race([
      exited,
      new Promise<string>((done) => setTimeout(() => done('still running'), ENDS_WITHIN_MS)),
    ]);
    expect(code, output.slice(-3_000)).toBe(1);
    // It had said so at start-up, in the line an operator reads first.
    expect(worker.startupOutput).toMatch(
      /WARN.*WORKER_WORKFLOW_HEAP_MB=128 holds about 64 cached workflows.*WORKER_MAX_CACHED_WORKFLOWS=5000/,
    );
    process.stdout.write(`[worker-failure] the process ended ${Date.now() - failedAt!} ms after its Worker failed\n`);
  }, 600_000);
});
