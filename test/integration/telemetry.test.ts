import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '@jiebang/config';
import { unitCycleWorkflowId } from '@jiebang/contracts';
import { freePort } from '@jiebang/devstack/free-port';
import { crash, eventually, httpClient, spawnWorkerProcess, testConfig } from '../support/jiebang';
import { tinyScenario } from '../support/scenarios';
import { startTestStack, type TestStack } from '../support/stack';
import { ACTORS } from '../support/suite';

const BUILT_API = resolve(__dirname, '../../dist/apps/api/src/main.js');

/** One sample of a metric in the Prometheus text format, by name and labels (all given must match). */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const line = metrics
    .split('\n')
    .filter((each) => each.startsWith(`${name}{`) || each.startsWith(`${name} `))
    .find((each) => Object.entries(labels).every(([key, value]) => each.includes(`${key}="${value}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Collects a child's stdout line by line. */
function linesOf(child: ChildProcess): string[] {
  const lines: string[] = [];
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    lines.push(...complete.filter(Boolean));
  });
  return lines;
}

function jsonLines(lines: string[]): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** One span as an OTLP/HTTP JSON export carries it, with the service that sent it. */
interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
}

interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: Omit<ReceivedSpan, 'service'>[] }[];
  }[];
}

/** A collector of the tests' own: an OTLP/HTTP receiver (JSON) that keeps every span it is sent. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        const exported = JSON.parse(body) as OtlpExport;
        for (const resourceSpans of exported.resourceSpans ?? []) {
          const service =
            resourceSpans.resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value
              .stringValue ?? '';
          for (const scope of resourceSpans.scopeSpans ?? [])
            for (const span of scope.spans ?? []) spans.push({ ...span, service });
        }
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, spans, server };
}

async function spawnApi(config: AppConfig, port: number, environment: Record<string, string>): Promise<ChildProcess> {
  expect(existsSync(BUILT_API), `${BUILT_API} is missing: run npm run build first`).toBe(true);
  const child = spawn(process.execPath, [BUILT_API], {
    env: {
      ...process.env,
      DATABASE_URL: config.DATABASE_URL,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      DEMO_IMPORT: 'false',
      PORT: String(port),
      JWT_SECRET: config.JWT_SECRET ?? 'telemetry-test-secret-telemetry-test-secret',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await eventually(() => fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined), { timeoutMs: 60_000 });
  return child;
}

/**
 * A built API and a built worker, each a process of its own as deployed, logging JSON: what an
 * operator sees of one human step, from the request to the activity it caused.
 */
describe('from a request to the workflow and its activities, as an operator sees it', () => {
  let stack: TestStack;
  let config: AppConfig;
  let api: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let workerLines: string[] = [];
  let baseUrl = '';
  let workerMetrics = '';
  let call: ReturnType<typeof httpClient>;
  let cycleId = '';
  let pledgeRequestId = '';
  let refusedRequestId = '';
  let collector: Awaited<ReturnType<typeof startOtlpReceiver>>;

  beforeAll(async () => {
    stack = await startTestStack();
    config = testConfig(stack, 'telemetry');
    collector = await startOtlpReceiver();
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '200' };
    const metricsAddress = `127.0.0.1:${await freePort()}`;
    workerMetrics = `http://${metricsAddress}/metrics`;
    worker = await spawnWorkerProcess(config, undefined, {
      WORKER_METRICS_ADDRESS: metricsAddress,
      WORKER_WORKFLOW_HEAP_MB: '512',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
      ...tracing,
    });
    workerLines = linesOf(worker);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    api = await spawnApi(config, port, { LOG_FORMAT: 'json', LOG_LEVEL: 'log', ...tracing });
    call = httpClient(baseUrl, config.DATABASE_URL);
    const imported = await call('POST', '/cycles', { actor: ACTORS.admin, body: tinyScenario('Telemetry district') });
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
    const pledged = await call('POST', `/cycles/${cycleId}/units/u-a/pledge`, { actor: ACTORS.headOf('u-a') });
    expect(pledged.status).toBe(200);
    pledgeRequestId = pledged.headers.get('x-request-id') ?? '';
    const refused = await call('POST', `/cycles/${cycleId}/units/u-a/pledge`, { actor: ACTORS.headOf('u-a') });
    expect(refused.status).toBe(409);
    refusedRequestId = refused.headers.get('x-request-id') ?? '';
  }, 120_000);

  afterAll(async () => {
    if (api) await crash(api);
    if (worker) await crash(worker);
    await stack?.stop();
    collector?.server.close();
  });

  it("serves the worker's own figures and the Temporal SDK's at one /metrics", async () => {
    const metrics = await eventually(async () => {
      const text = await (await fetch(workerMetrics)).text();
      return sample(text, 'jiebang_updates_total', { update: 'signPledge', outcome: 'rejected' }) ? text : undefined;
    });
    expect(sample(metrics, 'jiebang_updates_total', { update: 'signPledge', outcome: 'accepted', code: '' })).toBe(1);
    expect(
      sample(metrics, 'jiebang_updates_total', {
        update: 'signPledge',
        outcome: 'rejected',
        code: 'PLEDGE_ALREADY_SIGNED',
      }),
    ).toBe(1);
    expect(sample(metrics, 'jiebang_delivery_backlog')).toBeGreaterThanOrEqual(0);
    expect(sample(metrics, 'jiebang_worker_process_cpu_seconds_total')).toBeGreaterThan(0);
    // The SDK's runtime metrics follow the worker's own: activity latencies per activity type.
    expect(metrics).toMatch(/^temporal_activity_execution_latency\w*\{.*activity_type="recordPledge"/m);
    expect((await fetch(workerMetrics.replace('/metrics', '/other'))).status).toBe(404);
  });

  it("reports each workflow thread's heap against its limit, and keeps no stack trace of the workflows' promises", async () => {
    const metrics = await eventually(async () => {
      const text = await (await fetch(workerMetrics)).text();
      return /^jiebang_workflow_thread_heap_bytes\{.*kind="used"/m.test(text) ? text : undefined;
    });
    const heaps = [
      ...metrics.matchAll(/^jiebang_workflow_thread_heap_bytes\{thread="(\d+)",kind="(used|limit)"\} (\d+)/gm),
    ];
    const threads = new Set(heaps.map((match) => match[1]));
    // One thread for each Worker: the units' and the month closes'.
    expect(threads.size).toBe(2);
    const MB = 1024 * 1024;
    for (const [, , kind, bytes] of heaps) {
      // V8's limit is the old generation's (WORKER_WORKFLOW_HEAP_MB) and a little for the young one.
      if (kind === 'limit') expect(Number(bytes) / MB).toBeGreaterThanOrEqual(512);
      if (kind === 'limit') expect(Number(bytes) / MB).toBeLessThan(640);
      if (kind === 'used') expect(Number(bytes)).toBeGreaterThan(0);
    }
    // WORKER_WORKFLOW_STACK_TRACES is off: the SDK keeps no stack per pending promise, so the
    // workflow, waiting on its months' timers, answers Temporal's stack trace Query with nothing.
    const unit = stack.env.client.workflow.getHandle(unitCycleWorkflowId(cycleId, 'u-a'));
    expect(await unit.query<string>('__stack_trace')).toBe('');
  });

  it("writes the request's id into the JSON lines of the workflow's Update and the activity it ran", async () => {
    expect(pledgeRequestId).toMatch(/^[0-9a-f-]{36}$/);
    const carried = await eventually(async () => {
      const lines = jsonLines(workerLines).filter((line) => line.requestId === pledgeRequestId);
      return lines.find((line) => line.activityType === 'recordPledge' && line.msg === 'Activity completed');
    });
    // The SDK's own line of the activity, as JSON with the workflow's ids.
    expect(carried).toMatchObject({
      workflowType: 'unitCycleWorkflow',
      workflowId: expect.stringContaining(cycleId) as unknown,
      requestId: pledgeRequestId,
    });
    // The workflow's own lines of the Update: accepted for the pledge, refused for its repeat.
    const updates = jsonLines(workerLines).filter(
      (line) => line.sdkComponent === 'workflow' && line.update === 'signPledge',
    );
    expect(updates.find((line) => line.msg === 'Update accepted')).toMatchObject({ requestId: pledgeRequestId });
    expect(updates.find((line) => line.msg === 'Update refused')).toMatchObject({
      code: 'PLEDGE_ALREADY_SIGNED',
      requestId: refusedRequestId,
    });
    expect(refusedRequestId).not.toBe(pledgeRequestId);
    expect(jsonLines(workerLines).length).toBe(workerLines.length);
  });

  it('traces the request through the Update to the activity it ran, across the API and the worker', async () => {
    const trace = await eventually(async () => {
      const request = collector.spans.find(
        (span) => span.service === 'jiebang-api' && span.name === 'POST /cycles/:cycleId/units/:unitId/pledge',
      );
      if (!request) return undefined;
      const spans = collector.spans.filter((span) => span.traceId === request.traceId);
      return spans.some((span) => span.name === 'RunActivity:recordPledge') ? { request, spans } : undefined;
    });
    const named = (name: string) => trace.spans.find((span) => span.name === name);
    const update = named('StartWorkflowUpdate:signPledge');
    const handled = named('HandleUpdate:signPledge');
    const activity = named('RunActivity:recordPledge');
    expect(update).toMatchObject({ service: 'jiebang-api', parentSpanId: trace.request.spanId });
    expect(handled).toMatchObject({ service: 'jiebang-worker' });
    expect(activity).toMatchObject({ service: 'jiebang-worker' });
    // Each span of the worker hangs from one of the trace: one tree from the request to the activity.
    const ids = new Set(trace.spans.map((span) => span.spanId));
    for (const span of trace.spans.filter((each) => each !== trace.request))
      expect(ids.has(span.parentSpanId ?? ''), `${span.name} has its parent in the trace`).toBe(true);
  });
});
