import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@jiebang/devstack/free-port';
import { eventually } from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';

const BUILT_API = resolve(__dirname, '../../dist/apps/api/src/main.js');

/** One sample of a metric in the Prometheus text format, by name and labels (all given must match). */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const line = metrics
    .split('\n')
    .filter((each) => each.startsWith(`${name}{`) || each.startsWith(`${name} `))
    .find((each) => Object.entries(labels).every(([key, value]) => each.includes(`${key}="${value}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('what operators watch', () => {
  let suite: JiebangSuite;

  beforeAll(async () => {
    suite = await startJiebangSuite('operations');
  });

  afterAll(async () => {
    await suite?.stop();
  });

  const scrape = async () => {
    const response = await fetch(`${suite.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('counts requests per route template, not per raw path', async () => {
    const imported = await suite.call('POST', '/cycles', {
      actor: ACTORS.admin,
      body: tinyScenario('Metrics district'),
    });
    expect(imported.status).toBe(201);
    const cycleId = (imported.body.cycle as { id: string }).id;
    const before = sample(await scrape(), 'jiebang_http_request_duration_seconds_count', {
      route: '/cycles/:cycleId/units/:unitId',
      status: '200',
    });
    for (const unit of ['u-a', 'u-b'])
      expect((await suite.call('GET', `/cycles/${cycleId}/units/${unit}`, { actor: ACTORS.admin })).status).toBe(200);
    const metrics = await scrape();
    const after = sample(metrics, 'jiebang_http_request_duration_seconds_count', {
      route: '/cycles/:cycleId/units/:unitId',
      status: '200',
    });
    expect(after).toBe((before ?? 0) + 2);
    expect(metrics).not.toContain(`/cycles/${cycleId}/units/u-a`);
  });

  it('counts refusals by their problem code, apart for anonymous callers', async () => {
    const before = sample(await scrape(), 'jiebang_http_refusals_total', { signed_in: 'no' }) ?? 0;
    const refused = await suite.call('GET', '/cycles');
    expect(refused.status).toBe(401);
    const code = String(refused.body.code);
    const after = sample(await scrape(), 'jiebang_http_refusals_total', { code, signed_in: 'no' });
    expect(after).toBeGreaterThanOrEqual(before + 1);
  });

  it('reads the delivery backlog and the audit trail from Postgres at each scrape', async () => {
    const metrics = await scrape();
    const { rows } = await suite.db.query<{ seq: string }>('SELECT max(seq) AS seq FROM audit_log');
    expect(sample(metrics, 'jiebang_audit_appends')).toBeGreaterThanOrEqual(Number(rows[0]!.seq));
    expect(sample(metrics, 'jiebang_delivery_backlog')).toBeGreaterThanOrEqual(0);
    expect(sample(metrics, 'jiebang_api_process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('answers liveness and readiness, readiness naming each dependency as this instance sees it', async () => {
    const live = await fetch(`${suite.baseUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
    const ready = await eventually(async () => {
      const response = await fetch(`${suite.baseUrl}/health/ready`);
      return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
    });
    expect(ready).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, temporal: { status: 'up' }, worker: { status: 'up' } },
    });
  });

  describe('a second API instance, logging JSON, on a task queue no worker polls', () => {
    let api: ChildProcess | undefined;
    let baseUrl = '';
    const lines: string[] = [];

    beforeAll(async () => {
      expect(existsSync(BUILT_API), `${BUILT_API} is missing: run npm run build first`).toBe(true);
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      api = spawn(process.execPath, [BUILT_API], {
        env: {
          ...process.env,
          DATABASE_URL: suite.config.DATABASE_URL,
          TEMPORAL_ADDRESS: suite.config.TEMPORAL_ADDRESS,
          TEMPORAL_TASK_QUEUE: 'no-worker-polls-this',
          DEMO_IMPORT: 'false',
          PORT: String(port),
          LOG_FORMAT: 'json',
          JWT_SECRET: randomBytes(32).toString('hex'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let pending = '';
      api.stdout?.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const complete = pending.split('\n');
        pending = complete.pop() ?? '';
        lines.push(...complete.filter(Boolean));
      });
      await eventually(() => fetch(`${baseUrl}/health/live`).catch(() => undefined), { timeoutMs: 60_000 });
    });

    afterAll(() => {
      api?.kill('SIGKILL');
    });

    it('writes one JSON object a line, each request carrying its x-request-id', async () => {
      const response = await fetch(`${baseUrl}/health/live`);
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const logged = await eventually(() =>
        Promise.resolve(
          lines
            .map((line) => JSON.parse(line) as Record<string, unknown>)
            .find((entry) => (entry.req as { id?: string } | undefined)?.id === requestId),
        ),
      );
      expect(logged).toMatchObject({ req: { method: 'GET', url: '/health/live' }, res: { statusCode: 200 } });
      expect(typeof logged.level).toBe('number');
    });

    it('is live but not ready, naming the worker as the part that is down', async () => {
      expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
      const ready = await fetch(`${baseUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'error',
        info: { postgres: { status: 'up' }, temporal: { status: 'up' } },
        error: { worker: { status: 'down' } },
      });
    });
  });
});
