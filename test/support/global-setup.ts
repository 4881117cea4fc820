import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { resolveTemporalCli } from '@jiebang/devstack/temporal-cli';
import { bundleWorkflows } from '../../apps/worker/src/workflow-bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the Temporal CLI that runs each suite's dev server. */
    temporalCli: string;
    /** Path of the workflow bundle made once for the project's run, which its in-process workers run. */
    workflowBundlePath: string;
  }
}

/**
 * Runs once per project before its suites: finds the Temporal CLI, building it the first time on
 * a machine (minutes), so that no suite pays for or races that build; and bundles the workflows
 * once (seconds of webpack), so that no suite's worker bundles them again.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [cli, bundle] = await Promise.all([
    resolveTemporalCli((line) => process.stdout.write(`[temporal-cli] ${line}\n`)),
    bundleWorkflows(),
  ]);
  const folder = await mkdtemp(join(tmpdir(), 'jiebang-workflow-bundle-'));
  const bundlePath = join(folder, 'workflows.js');
  await writeFile(bundlePath, bundle.code);
  project.provide('temporalCli', cli);
  project.provide('workflowBundlePath', bundlePath);
  return () => rm(folder, { recursive: true, force: true });
}
