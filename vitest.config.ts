import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC instead of esbuild: Nest's dependency injection needs emitDecoratorMetadata.
const decorators = swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } });

export default defineConfig({
  plugins: [decorators],
  test: {
    // Integration suites each start their own Temporal dev server and Postgres; two cores cannot run many at once.
    fileParallelism: false,
    projects: [
      {
        plugins: [decorators],
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [decorators],
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
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
