/**
 * `npm run record-histories`: records the replay guard's histories for the workflow code as it
 * is now. Runs the integration suites (or the files given) with JIEBANG_RECORD_HISTORIES set, so
 * each suite's dev server leaves one history per workflow type and branch, and stores them in
 * `test/histories/<date>-<commit>/` with a manifest naming the code version that made them
 * (`workflowCodeVersion`: what the code does, comments and formatting aside).
 * Earlier versions' folders stay: `npm test` replays them all, so a change that would break a
 * cycle started under an older version fails there (docs/workflow-changes.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { workflowCodeVersion } from '../test/support/workflow-version';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const HISTORIES = join(ROOT, 'test/histories');
/**
 * The suites that drive workflows through every branch: the workflow layer (every branch, fast)
 * and the journeys of the integration layer (a compressed year among them); the other suites
 * start no workflow or run their own servers.
 */
const DEFAULT_SUITES = [
  'test/workflows/',
  'test/integration/annual-cycle.test.ts',
  'test/integration/reports.test.ts',
  'test/integration/pledge.test.ts',
  'test/integration/cases.test.ts',
  'test/integration/supervision.test.ts',
  'test/integration/audit-cycle.test.ts',
];
/** Sources the workflow bundle is made of: uncommitted changes there make the recording's version unclear. */
const BUNDLED = ['workflows', 'libs/contracts/src', 'libs/domain/src'];

function main(): void {
  const suites = process.argv.slice(2);
  const commit = git('rev-parse', '--short', 'HEAD');
  const dirty = git('status', '--porcelain', '--', ...BUNDLED) !== '';
  const label = `${new Date().toISOString().slice(0, 10)}-${commit}${dirty ? '-dirty' : ''}`;
  const target = join(HISTORIES, label);
  const scratch = mkdtempSync(join(tmpdir(), 'jiebang-histories-'));
  try {
    process.stdout.write(`recording histories for ${label} into ${relative(ROOT, target)}…\n`);
    const run = spawnSync(
      process.execPath,
      [
        require.resolve('vitest/vitest.mjs', { paths: [ROOT] }),
        'run',
        '--project',
        'workflow',
        '--project',
        'integration',
        ...(suites.length ? suites : DEFAULT_SUITES),
      ],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, JIEBANG_RECORD_HISTORIES: scratch } },
    );
    // A failed assertion does not make a history less real: the workflow code made it either way.
    if (run.status !== 0)
      process.stdout.write('warning: some tests failed; their histories are recorded all the same\n');
    const files = readdirSync(scratch).filter((file) => file.endsWith('.binpb'));
    if (files.length === 0) throw new Error('no history was recorded; see the test output above');
    rmSync(target, { recursive: true, force: true });
    cpSync(scratch, target, { recursive: true });
    const manifest = {
      recordedAt: new Date().toISOString(),
      commit: git('rev-parse', 'HEAD'),
      uncommittedWorkflowChanges: dirty,
      workflowCodeVersion: workflowCodeVersion(),
      histories: files.length,
      byType: countByType(files),
    };
    writeFileSync(join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    process.stdout.write(`recorded ${files.length} histories: ${JSON.stringify(manifest.byType)}\n`);
    if (dirty) process.stdout.write('note: workflow sources have uncommitted changes; commit, then record again\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function countByType(files: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of files) {
    const type = file.split('--')[0]!;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

main();
