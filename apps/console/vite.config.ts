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
    // libs/contracts' main entry is free of Temporal (its Updates and Queries are in @jiebang/contracts/temporal).
    alias: libraryAliases(repository),
  },
  build: {
    outDir: `${repository}dist/console`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { fs: { allow: [repository] }, proxy: { '/auth': 'http://localhost:3000' } },
});
