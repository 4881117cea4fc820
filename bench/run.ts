/**
 * `npm run bench`: runs every benchmark in turn, then prints one summary of the figures and
 * targets. The simulate benchmark is a function (`runSimulateBenchmark`), called here; the
 * benchmarks that start a stack run as their own processes (their own memory, cleaned up when
 * they end) and report their figures as JSON (`Figure[]`, see support/figures.ts) in the file
 * named by BENCH_RESULT_FILE. A missed target is a result, not a failure: the command exits 0
 * and says so. It exits 1 only when a benchmark could not run to its end.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDist, sourcesNewerThanBuild } from './support/build';
import type * as SimulateBenchmark from './simulate.bench';
import { formatValue, RESULT_FILE_VARIABLE, table, targetMet, type Figure } from './support/figures';

interface Benchmark {
  title: string;
  file: string;
  /** Runs in this process and returns its figures; without it the file runs as its own process. */
  inProcess?: () => Figure[];
  /** Variables set for its process (a size, a number of rounds). */
  env?: Record<string, string>;
}

const BENCHMARKS: Benchmark[] = [
  { title: 'simulate: the rules engine alone', file: 'bench/simulate.bench.ts', inProcess: simulateFigures },
  {
    title: 'month close: 1,000 units against the bare Temporal + Postgres cost, unit reads at 50/s meanwhile',
    file: 'bench/month-close.bench.ts',
  },
  {
    title: 'month close: 5,000 units of 4 indicators against their own bare cost (one round)',
    file: 'bench/month-close.bench.ts',
    env: { BENCH_UNITS: '5000', BENCH_INDICATORS: '4', BENCH_REPETITIONS: '1' },
  },
  { title: 'full year: 1,000 units, second-long months, worker memory', file: 'bench/full-year.bench.ts' },
  { title: 'delivery: 10,000 notices to a signed webhook, throughput and delay', file: 'bench/delivery.bench.ts' },
  { title: 'console: first page JavaScript, ranking page of 1,000 units in Chromium', file: 'bench/console.bench.ts' },
  {
    title: 'worker memory: 5,000 units through two months; replays; longest histories',
    file: 'bench/worker-memory.bench.ts',
  },
  { title: 'API under load: report saves and reads at 400 requests/s', file: 'bench/api-load.bench.ts' },
  {
    title: 'workbooks: a 1,000-unit target workbook checked, the ranking ledger written',
    file: 'bench/workbooks.bench.ts',
  },
  {
    title: 'cluster: month close of 1,000 units against the bare cost, on the production topology',
    file: 'bench/month-close.bench.ts',
    env: { BENCH_TOPOLOGY: 'cluster' },
  },
  {
    title: 'cluster: full year of 1,000 units, second-long months, on the production topology',
    file: 'bench/full-year.bench.ts',
    env: { BENCH_TOPOLOGY: 'cluster' },
  },
  {
    title: 'cluster: the 1,000-unit year with every human step through the API, two workers then one',
    file: 'bench/cluster.bench.ts',
  },
];

/** The target bench/simulate.bench.ts prints its median against (its TARGET_MS is not exported). */
const SIMULATE_TARGET_MS = 1_000;

function simulateFigures(): Figure[] {
  // Required when its turn comes, so that a file being edited breaks only its own benchmark.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runSimulateBenchmark } = require('./simulate.bench') as typeof SimulateBenchmark;
  const figures = runSimulateBenchmark();
  return [
    {
      name: `simulate a year, ${figures.units} units (median)`,
      value: figures.simulateMedianMs,
      unit: 'ms',
      target: { limit: SIMULATE_TARGET_MS, strict: true, label: `< ${SIMULATE_TARGET_MS} ms` },
    },
    { name: 'validate that scenario (median)', value: figures.validateMedianMs, unit: 'ms' },
  ];
}

const ROOT = resolve(__dirname, '..');
const TSX_CLI = require.resolve('tsx/cli', { paths: [ROOT] });

interface Outcome {
  benchmark: Benchmark;
  status: 'done' | 'failed' | 'skipped';
  detail: string;
  wallMs: number;
  figures: Figure[];
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  let interrupted = false;
  // Ctrl-C reaches the running benchmark too (same process group); it cleans up, then we stop.
  process.on('SIGINT', () => (interrupted = true));
  say(`jiebang benchmarks — ${new Date().toISOString()}, ${BENCHMARKS.length} benchmark(s), one at a time`);
  buildWorkerIfStale();

  const outcomes: Outcome[] = [];
  for (const [index, benchmark] of BENCHMARKS.entries()) {
    process.stdout.write(
      `\n${'='.repeat(100)}\n[${index + 1}/${BENCHMARKS.length}] ${benchmark.title}   (${benchmark.file})\n${'='.repeat(100)}\n`,
    );
    if (interrupted) {
      outcomes.push({ benchmark, status: 'skipped', detail: 'interrupted', wallMs: 0, figures: [] });
      continue;
    }
    if (!existsSync(join(ROOT, benchmark.file))) {
      say(`${benchmark.file} is missing`);
      outcomes.push({ benchmark, status: 'failed', detail: 'file not present', wallMs: 0, figures: [] });
      continue;
    }
    outcomes.push(benchmark.inProcess ? runHere(benchmark, benchmark.inProcess) : await runBenchmark(benchmark));
  }
  return summarise(outcomes, Date.now() - startedAt);
}

/** The worker runs from dist/ (spawnWorkerProcess); benchmarks must measure the current sources. */
function buildWorkerIfStale(): void {
  const stale = sourcesNewerThanBuild();
  if (stale.length === 0) return say('dist/ is up to date with the worker sources');
  say(`dist/ is older than ${stale.length} worker source file(s): building (tsc -p tsconfig.json, tsc-alias)…`);
  const started = Date.now();
  const build = buildDist();
  if (build.ok) return say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(
    `warning: tsc reported errors (it still emitted dist/; the benchmarks run what it emitted):\n${build.output.split('\n').slice(0, 10).join('\n')}`,
  );
}

function runHere(benchmark: Benchmark, run: () => Figure[]): Outcome {
  const startedAt = Date.now();
  try {
    const figures = run();
    const wallMs = Date.now() - startedAt;
    return { benchmark, status: 'done', detail: `finished in ${(wallMs / 1000).toFixed(1)} s`, wallMs, figures };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    say(`${benchmark.file} failed: ${detail}`);
    return { benchmark, status: 'failed', detail, wallMs: Date.now() - startedAt, figures: [] };
  }
}

async function runBenchmark(benchmark: Benchmark): Promise<Outcome> {
  const folder = mkdtempSync(join(tmpdir(), 'jiebang-bench-'));
  const resultFile = join(folder, 'figures.json');
  const startedAt = Date.now();
  try {
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done, fail) => {
      const child = spawn(process.execPath, [TSX_CLI, benchmark.file], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, ...benchmark.env, [RESULT_FILE_VARIABLE]: resultFile },
      });
      child.once('error', fail);
      child.once('exit', (code, signal) => done({ code, signal }));
    });
    const wallMs = Date.now() - startedAt;
    const figures = existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, 'utf8')) as Figure[]) : [];
    const ok = exit.code === 0;
    const detail = ok
      ? `finished in ${(wallMs / 1000).toFixed(1)} s`
      : `ended with ${exit.signal ?? `exit code ${exit.code}`} after ${(wallMs / 1000).toFixed(1)} s`;
    say(`${benchmark.file}: ${detail}`);
    return { benchmark, status: ok ? 'done' : 'failed', detail, wallMs, figures };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function summarise(outcomes: Outcome[], wallMs: number): number {
  const rows = outcomes.flatMap(({ benchmark, status, detail, wallMs: benchMs, figures }) => {
    const size = benchmark.env?.BENCH_UNITS ? ` (${benchmark.env.BENCH_UNITS})` : '';
    const name = `${benchmark.file.replace(/^bench\/|\.bench\.ts$/g, '')}${size}`;
    if (status !== 'done')
      return [[name, status === 'skipped' ? `skipped: ${detail}` : `FAILED: ${detail}`, '', '', '']];
    if (figures.length === 0)
      return [
        [
          name,
          'wall time of the benchmark (its figures are in its output above)',
          formatValue({ value: benchMs, unit: 'ms' }),
          '',
          '',
        ],
      ];
    return figures.map((figure) => {
      const met = targetMet(figure);
      return [
        name,
        figure.name,
        `${formatValue(figure)}${figure.note ? ` (${figure.note})` : ''}`,
        figure.target?.label ?? '',
        met === undefined ? '' : met ? 'yes' : 'NO',
      ];
    });
  });
  process.stdout.write(
    `\n${'='.repeat(100)}\nSUMMARY (all benchmarks took ${(wallMs / 1000).toFixed(1)} s)\n${'='.repeat(100)}\n`,
  );
  process.stdout.write(`${table(['benchmark', 'figure', 'value', 'target', 'met'], rows)}\n\n`);

  const missed = outcomes.flatMap(({ figures }) => figures.filter((figure) => targetMet(figure) === false));
  const failed = outcomes.filter((outcome) => outcome.status === 'failed');
  if (missed.length > 0)
    say(
      `TARGETS MISSED (${missed.length}): ${missed.map((figure) => `${figure.name} = ${formatValue(figure)}, target ${figure.target!.label}`).join('; ')}. This is a result, not an error: exit code 0.`,
    );
  else if (failed.length === 0) say('every target met');
  if (failed.length > 0)
    say(
      `${failed.length} benchmark(s) did not run to the end: ${failed.map((outcome) => outcome.benchmark.file).join(', ')} (exit code 1)`,
    );
  return failed.length > 0 ? 1 : 0;
}

function say(line: string): void {
  process.stdout.write(`[bench] ${line}\n`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench/run.ts failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
