import type { TestProject } from 'vitest/node';
import { resolveTemporalCli } from '@jiebang/devstack/temporal-cli';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the Temporal CLI that runs each suite's dev server. */
    temporalCli: string;
  }
}

/**
 * Runs once before the integration suites: finds the Temporal CLI, building it the first
 * time on a machine (minutes), so that no suite pays for or races that build.
 */
export default async function setup(project: TestProject): Promise<void> {
  const cli = await resolveTemporalCli((line) => process.stdout.write(`[temporal-cli] ${line}\n`));
  project.provide('temporalCli', cli);
}
