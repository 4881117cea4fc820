import { createServer } from 'node:http';
import express from 'express';
import { chromium, type Route } from 'playwright-core';
import { consoleDirectory, serveConsole } from '../apps/api/src/console/console-static';

async function main() {
  const app = express();
  app.use(serveConsole(consoleDirectory()));
  const server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: Number(process.argv[3] ?? 1280), height: Number(process.env.H ?? 800) }, locale: 'zh-CN' });
  const user = { userId: 'x', displayName: 'x', roles: ['ASSESSOR'], unitId: null };
  const json = (route: Route, body: unknown, status = 200) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (route.request().resourceType() === 'document' || url.pathname.startsWith('/assets/')) return route.continue();
    if (url.pathname === '/auth/refresh') return json(route, { accessToken: 'a', user });
    if (url.pathname === '/cycles') return json(route, [{ id: 'c', name: 'bench', year: 2026, pledgeOpenedAt: '2026-01-01T00:00:00Z', policy: {} }]);
    if (url.pathname === '/cycles/c/months')
      return json(route, { cycleId: 'c', completed: false, months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, stage: 'waiting', version: 0, closedAt: null, appealsOpenUntil: null, appeals: [], publishedBy: null })) });
    if (url.pathname === '/tasks') return json(route, { tasks: [], counts: {}, overdue: 0 });
    return json(route, { statusCode: 404, code: 'NOT_FOUND', message: url.pathname }, 404);
  });
  await page.goto(`${baseUrl}${process.argv[2] ?? '/months'}`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  if (process.env.CLICK) { await page.locator(process.env.CLICK).first().click(); await page.waitForTimeout(800); }
  console.log(await page.evaluate(require('node:fs').readFileSync('.scratch/walk.js', 'utf8')));
  console.log(await page.evaluate(require('node:fs').readFileSync('.scratch/walk.js', 'utf8')));
  await page.screenshot({ path: `.scratch/layout-${process.argv[3] ?? 1280}.png`, fullPage: true });
  await browser.close();
  server.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
