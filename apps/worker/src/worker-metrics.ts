import type { InjectedSinks } from '@temporalio/worker';
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { registerDeliveryGauges, type DeliveryAttemptOutcome, type DeliveryObserver } from '@jiebang/delivery';
import type { ActivityTimer, JiebangSinks, UpdateOutcome } from '@jiebang/temporal';
import { WorkflowThreadHeaps } from './workflow-threads';

/** The activities of a month's close, in order: the ranking frozen, made final, published, delivered. */
const MONTH_CLOSE_ACTIVITIES = new Set(['rankMonth', 'finaliseMonth', 'publishRanking', 'deliverOutcomes']);

/** Seconds: a close of a few units takes milliseconds, one of 10,000 units a minute or more. */
const CLOSE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** The SDK's own figures are fetched from its exporter for each scrape; a slow one is left out. */
const SDK_SCRAPE_TIMEOUT_MS = 2_000;

/**
 * What one worker process reports at `/metrics` (Prometheus text format): Updates by outcome (from
 * the workflows, through a sink), the month close's activities by duration, delivery attempts by
 * outcome, the outbox's gauges, the process itself, and after them the Temporal SDK's runtime
 * metrics (task latencies, cache, polls), which the SDK serves on a loopback port of its own.
 */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly updates: Counter<'update' | 'outcome' | 'code'>;
  private readonly closeSeconds: Histogram<'activity' | 'outcome'>;
  private readonly deliveries: Counter<'outcome'>;
  private readonly threadHeaps = new WorkflowThreadHeaps();
  private server?: Server;

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'jiebang_worker_' });
    this.updates = new Counter({
      name: 'jiebang_updates_total',
      help: 'Human steps (Temporal Updates) handled by the workflows of this worker, by Update name and outcome; code is the refusal code',
      labelNames: ['update', 'outcome', 'code'],
      registers: [this.registry],
    });
    this.closeSeconds = new Histogram({
      name: 'jiebang_month_close_duration_seconds',
      help: "Duration of each activity of a month's close (rankMonth, finaliseMonth, publishRanking, deliverOutcomes) run by this worker",
      labelNames: ['activity', 'outcome'],
      buckets: CLOSE_BUCKETS,
      registers: [this.registry],
    });
    this.deliveries = new Counter({
      name: 'jiebang_delivery_attempts_total',
      help: 'Send attempts of the outbox by this process: sent, to be retried, dead-lettered',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    registerDeliveryGauges(this.registry, dataSource);
    this.registerThreadHeapGauge();
  }

  /** Each workflow thread's V8 heap in use and its limit (WORKER_WORKFLOW_HEAP_MB): alert well before they meet. */
  private registerThreadHeapGauge(): void {
    const heaps = this.threadHeaps;
    new Gauge({
      name: 'jiebang_workflow_thread_heap_bytes',
      help: "V8 heap of each of this worker's workflow threads: used, and the limit (WORKER_WORKFLOW_HEAP_MB); a thread whose used heap nears its limit runs out and stops its Worker",
      labelNames: ['thread', 'kind'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const heap of heaps.all()) {
          this.set({ thread: String(heap.threadId), kind: 'used' }, heap.usedBytes);
          this.set({ thread: String(heap.threadId), kind: 'limit' }, heap.limitBytes);
        }
      },
    });
  }

  /** The sinks the workflow interceptors call (libs/temporal/src/workflow-interceptors.ts). */
  sinks(): InjectedSinks<JiebangSinks> {
    return {
      jiebangMetrics: {
        updateHandled: {
          fn: (_info, update: string, outcome: UpdateOutcome, code: string) =>
            this.updates.inc({ update, outcome, code }),
        },
      },
    };
  }

  /** Times the month close's activities (given to the activity interceptors). */
  readonly timeActivity: ActivityTimer = (activityType, seconds, outcome) => {
    if (MONTH_CLOSE_ACTIVITIES.has(activityType))
      this.closeSeconds.observe({ activity: activityType, outcome }, seconds);
  };

  /** Counts the outbox's send attempts (given to the delivery dispatcher). */
  readonly deliveryObserver: DeliveryObserver = {
    attempted: (outcome: DeliveryAttemptOutcome) => this.deliveries.inc({ outcome }),
  };

  /** Serves `GET /metrics` at `host:port`: this registry's figures, then the SDK's from `sdkAddress`. */
  async serve(address: string, sdkAddress?: string): Promise<void> {
    const [host, port] = splitAddress(address);
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: GET /metrics\n');
        return;
      }
      void this.scrape(sdkAddress).then(
        (text) => response.writeHead(200, { 'Content-Type': this.registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
  }

  async close(): Promise<void> {
    this.threadHeaps.close();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private async scrape(sdkAddress: string | undefined): Promise<string> {
    const [own, sdk] = await Promise.all([
      this.registry.metrics(),
      sdkAddress ? sdkMetrics(sdkAddress) : Promise.resolve(''),
    ]);
    return own.endsWith('\n') ? own + sdk : `${own}\n${sdk}`;
  }
}

async function sdkMetrics(address: string): Promise<string> {
  try {
    const response = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(SDK_SCRAPE_TIMEOUT_MS) });
    return response.ok ? await response.text() : '';
  } catch {
    return ''; // the SDK's exporter did not answer: this scrape carries the worker's own figures only
  }
}

function splitAddress(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}

/** The one WorkerMetrics of a process (the worker's, or delivery-main's, whose attempts it counts). */
export const WORKER_METRICS_PROVIDER = {
  provide: WorkerMetrics,
  inject: [DataSource],
  useFactory: (dataSource: DataSource) => new WorkerMetrics(dataSource),
};
