import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { distBuildSteps } from '@jiebang/devstack/dist-build';
import { workflowCodeVersion } from './workflow-version';

const ROOT = resolve(__dirname, '../..');
/** Outside the checkout, so lint and tsc never see another version's sources. */
const VERSIONS = join(process.env.JIEBANG_CACHE_DIR ?? join(homedir(), '.cache/jiebang'), 'versions');

/**
 * Builds an earlier commit of Jiebang (its sources from `git archive`, this checkout's
 * node_modules) into `~/.cache/jiebang/versions/<commit>/dist`, once, and returns the path of its worker's
 * entry point: a deployment of that version, for the upgrade test.
 */
export function buildPreviousVersion(commit: string): string {
  const full = execFileSync('git', ['rev-parse', commit], { cwd: ROOT, encoding: 'utf8' }).trim();
  const folder = join(VERSIONS, full);
  const worker = join(folder, 'dist/apps/worker/src/main.js');
  if (existsSync(worker)) {
    useThisCheckoutsModules(folder);
    return worker;
  }
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const archive = execFileSync('git', ['archive', full], { cwd: ROOT, maxBuffer: 512 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  useThisCheckoutsModules(folder);
  for (const step of distBuildSteps(folder, 'tsconfig.build.json'))
    execFileSync(process.execPath, step.args, { cwd: folder, stdio: 'inherit' });
  return worker;
}

/** Links the build's node_modules to this checkout's: the checkout that built it may be gone (a clean clone, a worktree). */
function useThisCheckoutsModules(folder: string): void {
  const link = join(folder, 'node_modules');
  rmSync(link, { force: true }); // the link only, dangling or not; never what it points to
  symlinkSync(join(ROOT, 'node_modules'), link);
}

/**
 * The version to upgrade from: UPGRADE_FROM, else the commit of the newest recorded history
 * folder whose workflow code differs from the current one (the last version whose cycles may
 * still run); undefined when there is none.
 */
export function previousVersion(): string | undefined {
  if (process.env.UPGRADE_FROM) return process.env.UPGRADE_FROM;
  const histories = join(ROOT, 'test/histories');
  if (!existsSync(histories)) return undefined;
  const current = workflowCodeVersion();
  const manifests = readdirSync(histories)
    .sort()
    .reverse()
    .map((name) => join(histories, name, 'manifest.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { commit: string; workflowCodeVersion?: string });
  return manifests.find((manifest) => manifest.workflowCodeVersion !== current)?.commit;
}
