import { join } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { libraryAliases } from './libs/temporal/src/library-aliases';
import { LongestFirstSequencer } from './test/support/longest-first';

// SWC instead of esbuild: Nest's dependency injection needs emitDecoratorMetadata.
const decorators = swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } });

/** `@jiebang/contracts` and the other libraries by name, as tsconfig.paths.json maps them. */
const resolve = { alias: libraryAliases(__dirname) };

export default defineConfig({
  plugins: [decorators],
  resolve,
  test: {
    // One file at a time by default: every suite starts a Temporal dev server, an API and a worker, and
    // several wait on deadlines of a few seconds. `.ci/run` runs the workflow and integration layers two
    // at a time (--fileParallelism --maxWorkers=2; docs/testing.md has the measurements).
    fileParallelism: false,
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        plugins: [decorators],
        resolve,
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // The console's pages and forms in jsdom with Testing Library, the API a fetch stub of its
        // shapes (apps/console/test/support/fake-api.ts): what needs no real browser. Journeys, axe
        // and phone layout stay in Chromium (test/browser).
        esbuild: { jsx: 'automatic' },
        resolve: {
          alias: {
            ...resolve.alias,
            '@temporalio/workflow': join(__dirname, 'apps/console/src/api/temporal-definitions.ts'),
          },
        },
        test: {
          name: 'component',
          include: ['apps/console/test/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['apps/console/test/support/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [decorators],
        resolve,
        test: {
          // Workflow branches on a real Temporal dev server with activities that only take note.
          name: 'workflow',
          include: ['test/workflows/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      {
        plugins: [decorators],
        resolve,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts', 'test/support/shared-postgres.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        plugins: [decorators],
        resolve,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: [
            'test/browser/support/require-chromium.ts',
            'test/support/global-setup.ts',
            'test/support/shared-postgres.ts',
          ],
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        plugins: [decorators],
        resolve,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 3_600_000,
          hookTimeout: 300_000,
        },
      },
      {
        plugins: [decorators],
        resolve,
        test: {
          // The production topology (npm run start:cluster) started once: two workers, two APIs behind one port.
          name: 'cluster',
          include: ['test/cluster/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/cluster/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
