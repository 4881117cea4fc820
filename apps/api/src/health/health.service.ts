import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TEMPORAL_TASK_QUEUE } from '../temporal/temporal.module';
import { taskQueuesOf } from '@jiebang/contracts';
import { DatabaseRepository } from '@jiebang/persistence';
import { AnonymousRefusals } from '../audit/anonymous-refusals';

/** A poller seen longer ago than this no longer counts as a live worker. */
const POLLER_FRESHNESS_MS = 90_000;
const CHECK_DEADLINE_MS = 3_000;

export interface HealthReport {
  status: 'ok' | 'down';
  checks: { postgres: string; temporal: string; worker: string };
  /** Requests of callers not signed in that were refused since this API process started, per code (not audited one by one). */
  refusals: { anonymous: Record<string, number> };
}

/** Answers whether every part Jiebang needs is up: Postgres, Temporal, and a polling worker. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(DatabaseRepository) private readonly database: DatabaseRepository,
    @Inject(Client) private readonly client: Client,
    @Inject(TEMPORAL_TASK_QUEUE) private readonly taskQueue: string,
    @Inject(AnonymousRefusals) private readonly anonymousRefusals: AnonymousRefusals,
  ) {}

  async check(): Promise<HealthReport> {
    const [postgres, temporalServer, worker] = await Promise.all([
      outcome(() => this.pingPostgres()),
      outcome(() => this.pingTemporal()),
      outcome(() => this.assertWorkersPolling()),
    ]);
    const checks = { postgres, temporal: temporalServer, worker };
    return {
      status: Object.values(checks).every((check) => check === 'ok') ? 'ok' : 'down',
      checks,
      refusals: { anonymous: this.anonymousRefusals.snapshot() },
    };
  }

  pingPostgres(): Promise<unknown> {
    return this.database.ping();
  }

  pingTemporal(): Promise<unknown> {
    return this.client.withDeadline(Date.now() + CHECK_DEADLINE_MS, () =>
      this.client.workflowService.getSystemInfo({}),
    );
  }

  /** Both queues of the deployment: units (with cases and supervision) and month closes. */
  async assertWorkersPolling(): Promise<void> {
    const { units, cycles } = taskQueuesOf(this.taskQueue);
    await Promise.all([this.assertPolled(units), this.assertPolled(cycles)]);
  }

  private async assertPolled(taskQueue: string): Promise<void> {
    const response = await this.client.withDeadline(Date.now() + CHECK_DEADLINE_MS, () =>
      this.client.workflowService.describeTaskQueue({
        namespace: this.client.options.namespace,
        taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const now = Date.now();
    const fresh = (response.pollers ?? []).filter(
      (poller) => now - secondsToMs(poller.lastAccessTime?.seconds) < POLLER_FRESHNESS_MS,
    );
    if (fresh.length === 0) throw new Error(`no worker polls task queue "${taskQueue}"`);
  }
}

async function outcome(check: () => Promise<unknown>): Promise<string> {
  try {
    await check();
    return 'ok';
  } catch (error) {
    return `down: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function secondsToMs(seconds: { toNumber(): number } | number | null | undefined): number {
  if (seconds === null || seconds === undefined) return 0;
  return (typeof seconds === 'number' ? seconds : seconds.toNumber()) * 1000;
}
