import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { workflowBundlerOptions } from '@jiebang/temporal';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHistory } from '../support/history-recorder';
import { workflowCodeVersion } from '../support/workflow-version';

/**
 * The replay guard: every history recorded under test/histories (one folder per code version,
 * made by `npm run record-histories`) must replay under the workflow code as it is now. A
 * change that would make a running cycle's workflows fail after an upgrade fails here; make it
 * with `patched()` instead (docs/workflow-changes.md). A version is named by what the code does
 * (test/support/workflow-version.ts): comments and formatting need no new recording.
 */
const HISTORIES = resolve(__dirname, '../histories');
const WORKFLOW_TYPES = [
  'unitCycleWorkflow',
  'cycleWorkflow',
  'caseWorkflow',
  'supervisionWorkflow',
  'keyProjectWorkflow',
  'ratingRoundWorkflow',
  'keyProjectCalendarWorkflow',
];

const versions = existsSync(HISTORIES)
  ? readdirSync(HISTORIES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];

function historiesOf(version: string) {
  const folder = join(HISTORIES, version);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.binpb'))
    .map((file) => ({
      workflowId: file,
      history: readHistory(join(folder, file)),
    }));
}

describe('recorded histories replay under the current workflow code', () => {
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: resolve(__dirname, '../../workflows'),
      // As the worker bundles them: the interceptors must not change what a history replays to.
      workflowInterceptorModules: [resolve(__dirname, '../../libs/temporal/src/workflow-interceptors')],
      logger: new DefaultLogger('WARN'),
      ...workflowBundlerOptions(resolve(__dirname, '../..')),
    });
  }, 180_000);

  it('has histories of every workflow type recorded for the current code', { timeout: 60_000 }, () => {
    const version = workflowCodeVersion(); // compiles every workflow file: seconds on a busy machine
    const current = versions.filter((folder) => {
      const manifest = JSON.parse(readFileSync(join(HISTORIES, folder, 'manifest.json'), 'utf8')) as {
        workflowCodeVersion?: string;
      };
      return manifest.workflowCodeVersion === version;
    });
    expect(
      current,
      'no folder of test/histories was recorded from this workflow code: npm run record-histories',
    ).not.toEqual([]);
    const types = new Set(historiesOf(current.at(-1)!).map(({ workflowId }) => workflowId.split('--')[0]));
    expect([...types].sort()).toEqual(expect.arrayContaining(WORKFLOW_TYPES));
  });

  it.each(versions)(
    'replays every history of %s without non-determinism',
    async (version) => {
      const failures: string[] = [];
      // The interceptors' sink is registered as the worker registers it (never called during a replay).
      const sinks = { jiebangMetrics: { updateHandled: { fn: () => undefined } } };
      for await (const result of Worker.runReplayHistories({ workflowBundle, sinks }, historiesOf(version))) {
        if (result.error) failures.push(`${result.workflowId}: ${result.error.message.split('\n')[0]}`);
      }
      expect(failures).toEqual([]);
    },
    300_000,
  );
});
