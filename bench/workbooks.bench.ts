/**
 * Workbooks (issue 22) at district size. In this process: a 1,000-unit target workbook of 10
 * indicators each (written by the export's writer) is read and checked as an upload is (the
 * reader, then the scenario's rules), and the month's ranking ledger of 1,000 units is written
 * as the ledger endpoint writes it; each is run RUNS times and the median is the figure. Then,
 * on a real stack (Temporal, Postgres, API, worker), the same workbook is uploaded once to
 * POST /workbooks/target: checked, stored and its 1,000 workflows started. Targets: check and
 * import < 10 s, ranking ledger < 2 s (the ledger's queries are the ranking page's).
 *
 * Run alone: npx tsx bench/workbooks.bench.ts (BENCH_UNITS for a smaller district;
 * BENCH_WORKBOOK_STACK=0 for the in-process figures only).
 */
import { validateScenario } from '@jiebang/contracts';
import { writeLedger, type LedgerSheet } from '../apps/api/src/workbooks/ledger-workbook';
import { readTargetWorkbook } from '../apps/api/src/workbooks/target-workbook-reader';
import { writeTargetWorkbook, type TargetDocument } from '../apps/api/src/workbooks/target-workbook-writer';
import { BENCH_DISTRICT, generateDistrict, periodsFrom } from './support/district';
import { publishFigures, table, type Figure } from './support/figures';
import { Progress } from './support/progress';
import { runWhenMain } from './support/script';
import { startBenchSystem } from './support/system';

const RUNS = Number(process.env.BENCH_WORKBOOK_RUNS ?? 3);
const CHECK_TARGET_MS = 10_000;
const LEDGER_TARGET_MS = 2_000;
const WITH_STACK = process.env.BENCH_WORKBOOK_STACK !== '0';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOUR_MS = 3_600_000;

async function main(): Promise<void> {
  const year = 2026;
  const { scenario } = generateDistrict({
    name: 'Workbook bench',
    year,
    // Months far enough ahead that nothing falls due while the stack part runs.
    periods: periodsFrom(Date.now() + HOUR_MS, HOUR_MS, HOUR_MS),
    policy: {},
  });
  const document = scenario as unknown as TargetDocument;
  const workbook = await writeTargetWorkbook(document);
  const units = scenario.units.length;
  const indicators = scenario.indicators.length;
  process.stdout.write(
    `target workbook: ${units} units, ${indicators} indicators, ${(workbook.length / 1024).toFixed(0)} KiB\n`,
  );

  const check = await medianOf(async () => {
    const reading = await readTargetWorkbook(workbook);
    if (reading.problems.length > 0)
      throw new Error(`the bench workbook has problems: ${reading.problems[0].messageEn}`);
    const validation = validateScenario(reading.document);
    if (!validation.ok)
      throw new Error(`the bench workbook is not a valid scenario: ${validation.problems[0].message}`);
  });
  const exportMs = await medianOf(() => writeTargetWorkbook(document));

  const categories = scenario.categories;
  const sheets: LedgerSheet[] = categories.map((category) => {
    const members = scenario.units.filter((unit) => unit.category === category.id);
    return {
      name: category.name,
      title: `${year} 1月 ${category.name} 排名`,
      columns: [
        '排名',
        '单位编码',
        '责任单位',
        '得分',
        '较上月',
        '绿灯',
        '黄灯',
        '红灯',
        '落后',
        '一票否决',
        '月度报告',
      ].map((header) => ({ header })),
      rows: members.map((unit, index) => [
        index + 1,
        unit.id,
        unit.name,
        100 - index / 10,
        '↑1',
        7,
        2,
        1,
        '否',
        '否',
        '已报送',
      ]),
    };
  });
  const ledger = await medianOf(() => writeLedger(sheets));

  const imported = WITH_STACK ? await importOverHttp(workbook) : undefined;

  const figures: Figure[] = [
    {
      name: `target workbook of ${units} units, ${indicators} indicators: read and check (median of ${RUNS})`,
      value: check,
      unit: 'ms',
      target: imported ? undefined : { limit: CHECK_TARGET_MS, strict: true, label: '< 10 s' },
    },
    ...(imported
      ? [
          {
            name: `target workbook of ${units} units: POST /workbooks/target (check, store, start ${imported.workflowsStarted} workflows)`,
            value: imported.ms,
            unit: 'ms',
            target: { limit: CHECK_TARGET_MS, strict: true, label: '< 10 s' },
          },
        ]
      : []),
    { name: `target workbook of ${units} units: export (write)`, value: exportMs, unit: 'ms' },
    {
      name: `ranking ledger of ${units} units: write (median of ${RUNS})`,
      value: ledger,
      unit: 'ms',
      target: { limit: LEDGER_TARGET_MS, strict: true, label: '< 2 s' },
    },
  ];
  process.stdout.write(
    `${table(
      ['figure', 'value', 'target'],
      figures.map((figure) => [figure.name, `${Math.round(figure.value)} ms`, figure.target?.label ?? '']),
    )}\n`,
  );
  if (units !== BENCH_DISTRICT.units) process.stdout.write('(a smaller district than the targets are for)\n');
  publishFigures(figures);
}

/** The workbook uploaded once to a real stack: the time to a 201, and how many workflows it started. */
async function importOverHttp(workbook: Buffer): Promise<{ ms: number; workflowsStarted: number }> {
  const progress = new Progress();
  const system = await startBenchSystem(progress, 'bench-workbooks');
  try {
    progress.say('uploading the target workbook to POST /workbooks/target…');
    const started = performance.now();
    const answer = await system.call('POST', '/workbooks/target', {
      actor: system.assessor,
      rawBody: workbook,
      headers: { 'content-type': XLSX },
    });
    const ms = performance.now() - started;
    if (answer.status !== 201)
      throw new Error(`POST /workbooks/target answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
    return { ms, workflowsStarted: Number(answer.body.workflowsStarted) };
  } finally {
    await system.stop();
  }
}

async function medianOf(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

runWhenMain(module, 'workbooks', main);
