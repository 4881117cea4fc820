import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { resolve } from 'node:path';
import { inject } from 'vitest';
import type { Activities } from '../../activities';
import { resolveTemporalCli } from '@jiebang/devstack/temporal-cli';
import { workflowBundlerOptions } from '@jiebang/temporal';
import { recordHistories } from './history-recorder';
import { sharedWorkflowBundle } from './jiebang';
import { startTemporal } from './stack';

/** One activity call a workflow made: which, with what, and when (ms since the epoch). */
export interface ActivityCall {
  name: keyof Activities;
  request: Record<string, unknown>;
  at: number;
}

/**
 * The fast layer for workflow branches: the real workflows on a real Temporal dev server, run by
 * a worker whose activities only note what they were asked (no Postgres, no HTTP). Deadlines of
 * a few hundred milliseconds then test a branch in about a second; the journeys stay in the
 * real-stack suites.
 */
export interface WorkflowTestbed {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Every activity call so far, in order. */
  calls: ActivityCall[];
  /** Stops the worker and the server. */
  stop(): Promise<void>;
}

/** The activities the unit, case and supervision workflows call, each noting its call and answering as a first write does. */
const NOTED: ReadonlyArray<[keyof Activities, unknown]> = [
  ['notify', true],
  ['escalate', true],
  ['appendAudit', undefined],
  ['recordPledge', undefined],
  ['recordReport', undefined],
  ['recordCaseEvent', undefined],
  ['recordSupervisionEvent', undefined],
];

/** How a testbed activity answers a request: the cycle's month close asks how many reports are settled. */
export type NotedAnswers = Partial<Record<keyof Activities, (request: Record<string, unknown>) => unknown>>;

/** `answers`: further activities (those of the cycle's month close), noted the same way. */
export async function startWorkflowTestbed(taskQueue: string, answers: NotedAnswers = {}): Promise<WorkflowTestbed> {
  const env = await startTemporal(inject('temporalCli') ?? (await resolveTemporalCli()));
  const calls: ActivityCall[] = [];
  const noted: Array<[keyof Activities, (request: Record<string, unknown>) => unknown]> = [
    ...NOTED.map(([name, answer]): [keyof Activities, () => unknown] => [name, () => answer]),
    ...(Object.entries(answers) as Array<[keyof Activities, (request: Record<string, unknown>) => unknown]>),
  ];
  const activities = Object.fromEntries(
    noted.map(([name, answer]) => [
      name,
      async (request: Record<string, unknown>) => {
        calls.push({ name, request, at: Date.now() });
        return answer(request);
      },
    ]),
  );
  try {
    const bundle = await sharedWorkflowBundle();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      // The bundle made once for the run (global-setup.ts), or the workflows bundled now.
      ...(bundle
        ? { workflowBundle: bundle }
        : {
            workflowsPath: resolve(__dirname, '../../workflows'),
            bundlerOptions: workflowBundlerOptions(resolve(__dirname, '../..')),
          }),
      activities,
      // The bundle's interceptors report Updates' outcomes to the worker's metrics: not watched here.
      sinks: { jiebangMetrics: { updateHandled: { fn: () => undefined } } },
    });
    const running = worker.run();
    return {
      env,
      taskQueue,
      calls,
      stop: async () => {
        worker.shutdown();
        await running;
        const recordInto = process.env.JIEBANG_RECORD_HISTORIES;
        if (recordInto) await recordHistories(env.client, recordInto);
        await env.teardown();
      },
    };
  } catch (error) {
    await env.teardown();
    throw error;
  }
}
