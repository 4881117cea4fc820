import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { distBuildSteps } from '@jiebang/devstack/dist-build';

const ROOT = resolve(__dirname, '../..');
/** What `spawnWorkerProcess` runs. */
const BUILT_WORKER = join(ROOT, 'dist/apps/worker/src/main.js');
/** The sources compiled into the worker. */
const WORKER_SOURCES = ['workflows', 'activities', 'libs', 'apps/worker'];

/** Source files newer than the built worker (all of them when there is no build). */
export function sourcesNewerThanBuild(): string[] {
  const builtAt = existsSync(BUILT_WORKER) ? statSync(BUILT_WORKER).mtimeMs : 0;
  return WORKER_SOURCES.flatMap((folder) => typeScriptFiles(join(ROOT, folder))).filter(
    (file) => statSync(file).mtimeMs > builtAt,
  );
}

/**
 * Compiles dist/ the way `npm run build` does, so the worker process runs the current sources.
 * tsc emits even when a file being edited elsewhere does not type-check; the errors are returned.
 */
export function buildDist(): { ok: boolean; output: string } {
  // Every step runs: tsc emits despite type errors, and what it emitted still needs its names made relative.
  const runs = distBuildSteps(ROOT).map((step) =>
    spawnSync(process.execPath, step.args, { cwd: ROOT, encoding: 'utf8' }),
  );
  return {
    ok: runs.every((run) => run.status === 0),
    output: runs
      .map((run) => `${run.stdout}${run.stderr}`.trim())
      .join('\n')
      .trim(),
  };
}

/** Warns when the worker a benchmark is about to spawn is older than its sources. */
export function warnIfWorkerStale(say: (line: string) => void): void {
  const stale = sourcesNewerThanBuild();
  if (stale.length > 0)
    say(
      `warning: dist/ is older than ${stale.length} worker source file(s) (e.g. ${stale[0]!.slice(ROOT.length + 1)}); the worker runs the last build. npm run bench builds first.`,
    );
}

function typeScriptFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}
