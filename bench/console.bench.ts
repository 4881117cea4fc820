/**
 * The console in Chromium (Debian's, driven by playwright-core): how much gzipped JavaScript the
 * first page loads, signed out (the sign-in page) and signed in (我的待办), and how long the
 * ranking page takes to render a 1,000-unit month (five categories of 200: each table renders the
 * rows in view, see RankingTable). The built console (dist/console) is served
 * as the API serves it; the API's answers come from a stand-in that returns a generated
 * district's month ranked by libs/domain, so the figure is the page's own rendering time.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { chromium, type Page, type Route } from 'playwright-core';
import { validateScenario } from '@jiebang/contracts';
import { assessMonth } from '@jiebang/domain';
import { consoleDirectory, serveConsole } from '../apps/api/src/console/console-static';
import { CHROMIUM } from '../test/browser/support/require-chromium';
import { BENCH_DISTRICT, generateDistrict, periodsFrom } from './support/district';
import { publishFigures, type Figure } from './support/figures';

const FIRST_PAGE_LIMIT_KB = 500;
const RANKING_RENDER_LIMIT_MS = 1_000;
const RENDER_RUNS = 5;
const CYCLE_ID = '2026-bench';

async function main(): Promise<void> {
  const ranking = rankedMonth();
  const server = await serve();
  const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const signedOutKb = await firstPageJsKb(page, `${baseUrl}/`, false, ranking);
    const signedInKb = await firstPageJsKb(page, `${baseUrl}/tasks`, true, ranking);
    const renders: number[] = [];
    for (let run = 0; run < RENDER_RUNS; run++) renders.push(await rankingRenderMs(page, baseUrl));
    // For people to look at, beside the tests' screenshots (ignored by git).
    await page.screenshot({ path: 'test/screenshots/bench-ranking-1000-units.png' });
    const median = [...renders].sort((a, b) => a - b)[Math.floor(renders.length / 2)]!;
    const figures: Figure[] = [
      {
        name: 'gzipped JS of the first page, signed out (sign-in)',
        value: signedOutKb,
        unit: 'kB',
        target: { limit: FIRST_PAGE_LIMIT_KB, strict: true, label: `< ${FIRST_PAGE_LIMIT_KB} kB` },
      },
      {
        name: 'gzipped JS of the first page, signed in (my tasks)',
        value: signedInKb,
        unit: 'kB',
        target: { limit: FIRST_PAGE_LIMIT_KB, strict: true, label: `< ${FIRST_PAGE_LIMIT_KB} kB` },
      },
      {
        name: `ranking page of a ${ranking.units.length}-unit month renders (median of ${RENDER_RUNS})`,
        value: median,
        unit: 'ms',
        target: { limit: RANKING_RENDER_LIMIT_MS, strict: true, label: `< ${RANKING_RENDER_LIMIT_MS} ms` },
        note: `runs ${renders.map((ms) => Math.round(ms)).join(', ')} ms`,
      },
    ];
    for (const figure of figures)
      process.stdout.write(`[console] ${figure.name}: ${figure.value.toFixed(1)} ${figure.unit}\n`);
    publishFigures(figures);
  } finally {
    await browser.close();
    server.close();
  }
}

/** Month 1 of the bench district (1,000 units), scored and ranked by the rules, as GET .../ranking answers it. */
function rankedMonth() {
  const district = generateDistrict({
    name: 'Console bench',
    year: 2026,
    periods: periodsFrom(Date.UTC(2026, 0, 1), 86_400_000, 86_400_000),
    policy: {},
    shape: BENCH_DISTRICT,
  });
  const validation = validateScenario(district.scenario);
  if (!validation.ok) throw new Error(`the bench district is invalid: ${JSON.stringify(validation.problems[0])}`);
  const scenario = validation.scenario;
  const { result } = assessMonth(scenario, 1, district.reportsOf(1), []);
  return {
    cycleId: CYCLE_ID,
    month: 1,
    version: 1,
    status: 'final',
    reason: 'month closed',
    createdBy: 'bench',
    createdAt: new Date().toISOString(),
    publishedBy: null,
    units: result.units.map((unit) => ({
      ...unit,
      category: scenario.units.find((each) => each.id === unit.unit)!.category,
    })),
    cases: [],
    // GET /cycles/{id}: the names the ranking shows instead of ids.
    organisation: {
      categories: scenario.categories.map(({ id, name }) => ({ id, name })),
      units: scenario.units.map(({ id, name, category }) => ({ id, name, categoryId: category })),
    },
  };
}

/** dist/console as the API serves it; every API path is answered by the page's route stand-in. */
function serve(): Promise<Server> {
  const app = express();
  app.use(serveConsole(consoleDirectory()));
  const server = createServer(app);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function answerApi(page: Page, signedIn: boolean, ranking: ReturnType<typeof rankedMonth>): Promise<void> {
  await page.unroute('**/*');
  const user = { userId: 'bench', displayName: 'bench', roles: ['ASSESSOR'], unitId: null };
  const json = (route: Route, body: unknown, status = 200) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (route.request().resourceType() === 'document' || url.pathname.startsWith('/assets/')) return route.continue();
    if (url.pathname === '/auth/refresh')
      return signedIn
        ? json(route, { accessToken: 'a', tokenType: 'Bearer', expiresIn: 900, refreshToken: 'r', user })
        : json(route, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'no session' }, 401);
    if (url.pathname === '/cycles')
      return json(route, [
        { id: CYCLE_ID, name: 'bench', year: 2026, pledgeOpenedAt: '2026-01-01T00:00:00Z', policy: {} },
      ]);
    if (url.pathname === `/cycles/${CYCLE_ID}`)
      return json(route, { id: CYCLE_ID, name: 'bench', year: 2026, organisation: ranking.organisation });
    if (url.pathname === `/cycles/${CYCLE_ID}/months`)
      return json(route, {
        cycleId: CYCLE_ID,
        completed: false,
        months: [
          {
            month: 1,
            stage: 'final',
            version: 1,
            closedAt: null,
            appealsOpenUntil: null,
            appeals: [],
            publishedBy: null,
          },
        ],
      });
    if (url.pathname === `/cycles/${CYCLE_ID}/months/1/ranking`)
      return json(route, { ...ranking, organisation: undefined });
    if (url.pathname === '/tasks') return json(route, { tasks: [], counts: {}, overdue: 0 });
    return json(route, { statusCode: 404, code: 'NOT_FOUND', message: url.pathname }, 404);
  });
}

/** Loads a page afresh and adds up the gzipped size of every script it fetched. */
async function firstPageJsKb(page: Page, url: string, signedIn: boolean, ranking: ReturnType<typeof rankedMonth>) {
  await answerApi(page, signedIn, ranking);
  const scripts = new Set<string>();
  const onResponse = (response: { url(): string; request(): { resourceType(): string } }) => {
    if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
  };
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  let bytes = 0;
  for (const path of scripts) bytes += gzipSync(readFileSync(`${consoleDirectory()}${path}`)).length;
  return bytes / 1024;
}

/** From the click on 排名 (a client-side navigation) until every unit's row is in the page. */
async function rankingRenderMs(page: Page, baseUrl: string): Promise<number> {
  await page.goto(`${baseUrl}/tasks`, { waitUntil: 'networkidle' });
  // The ranking page's code and data are fetched once beforehand: the figure is rendering, not the network.
  await page.evaluate(() => fetch('/cycles/2026-bench/months/1/ranking').then((response) => response.json()));
  const started = await page.evaluate(() => performance.now());
  await page.getByRole('link', { name: '排名' }).first().click();
  // Rendered: every category's table is on the page with its units' rows (the rows in view, for the long ones).
  await page.waitForFunction(
    `(() => {
      const tables = [...document.querySelectorAll('.ant-table')];
      return tables.length === ${BENCH_DISTRICT.categories} &&
        tables.every((table) => table.querySelector('[data-row-key] [data-light]'));
    })()`,
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  return (await page.evaluate(() => performance.now())) - started;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `console bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
