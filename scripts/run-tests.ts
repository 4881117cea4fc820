/**
 * `npm test`: build, lint, then each vitest layer (unit, component, workflow, integration,
 * browser), timed; a table of the times is printed at the end, whether the run passed or not (docs/testing.md keeps a table of them). Stops at the first
 * layer that fails. The workflow and integration layers run two files at once: their suites mostly
 * wait on servers and deadlines (measured a quarter faster on two cores). The browser layer stays
 * one file at a time: Chromium needs the CPU.
 */
import { spawnSync } from 'node:child_process';

const TWO_FILES_AT_ONCE = ['--fileParallelism', '--maxWorkers=2', '--minWorkers=1'];

const LAYERS: { name: string; command: string[] }[] = [
  { name: 'build', command: ['npm', 'run', 'build'] },
  { name: 'lint', command: ['npm', 'run', 'lint'] },
  { name: 'vitest unit', command: ['npx', 'vitest', 'run', '--project', 'unit'] },
  // The console's pages and forms in jsdom (apps/console/test): no server; before the layers that start one.
  { name: 'vitest component', command: ['npx', 'vitest', 'run', '--project', 'component', ...TWO_FILES_AT_ONCE] },
  { name: 'vitest workflow', command: ['npx', 'vitest', 'run', '--project', 'workflow', ...TWO_FILES_AT_ONCE] },
  { name: 'vitest integration', command: ['npx', 'vitest', 'run', '--project', 'integration', ...TWO_FILES_AT_ONCE] },
  { name: 'vitest browser', command: ['npx', 'vitest', 'run', '--project', 'browser'] },
];

function minutes(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

function main(): number {
  const started = Date.now();
  const rows: string[] = [];
  let status = 0;
  for (const layer of LAYERS) {
    process.stdout.write(`::: ${layer.name}: ${layer.command.join(' ')}\n`);
    const layerStarted = Date.now();
    const run = spawnSync(layer.command[0]!, layer.command.slice(1), { stdio: 'inherit' });
    status = run.status ?? 1;
    rows.push(
      `:::   ${layer.name.padEnd(24)} ${minutes(Date.now() - layerStarted).padStart(7)}  ${status === 0 ? 'passed' : `FAILED (${status})`}`,
    );
    if (status !== 0) break;
  }
  process.stdout.write(`\n::: npm test, wall time of each layer\n${rows.join('\n')}\n`);
  process.stdout.write(`:::   ${'total'.padEnd(24)} ${minutes(Date.now() - started).padStart(7)}\n`);
  return status;
}

process.exit(main());
