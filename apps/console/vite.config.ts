import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// eslint-disable-next-line no-restricted-imports -- loaded before the aliases it hands to Vite exist
import { libraryAliases } from '../../libs/temporal/src/library-aliases';

const repository = fileURLToPath(new URL('../..', import.meta.url));

// The console is built into dist/console, which the API serves at / (apps/api/src/console/console-static.ts).
export default defineConfig({
  plugins: [react()],
  resolve: {
    // libs/contracts names its Updates and Queries with @temporalio/workflow; the console needs only the types.
    alias: {
      ...libraryAliases(repository),
      '@temporalio/workflow': fileURLToPath(new URL('./src/api/temporal-definitions.ts', import.meta.url)),
    },
  },
  build: {
    outDir: `${repository}dist/console`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { fs: { allow: [repository] }, proxy: { '/auth': 'http://localhost:3000' } },
});
