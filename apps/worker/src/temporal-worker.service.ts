import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { setFlagsFromString } from 'node:v8';
import { DataSource } from 'typeorm';
import { createActivities } from '@jiebang/activities';
import { workflowHeapShortfall, type AppConfig } from '@jiebang/config';
import { taskQueuesOf } from '@jiebang/contracts';
import {
  activityInterceptors,
  clientInterceptors,
  currentTracing,
  ensureSearchAttributes,
  tracingActivityInterceptors,
  tracingSinks,
} from '@jiebang/temporal';
import { installTemporalRuntime } from './temporal-runtime';
import { workflowBundle } from './workflow-bundle';
import { WorkerMetrics } from './worker-metrics';
import { prepareWorkflowThreads } from './workflow-threads';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

/**
 * Owns the Temporal Workers, one per task queue of the deployment (units, month closes; see
 * `taskQueuesOf`), sharing one workflow bundle: created at module init, run on bootstrap,
 * drained at shutdown.
 */
@Injectable()
export class TemporalWorkerService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private connection?: NativeConnection;
  /** A client for activities that signal other workflows. */
  private clientConnection?: Connection;
  private workers: Worker[] = [];
  private running?: Promise<unknown>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {}

  async onModuleInit(): Promise<void> {
    // Installed by startWorkerApplication before Nest started; this answers where the SDK serves its metrics.
    const { sdkMetricsAddress } = await installTemporalRuntime(this.config);
    if (this.config.WORKER_METRICS_ADDRESS) {
      await this.metrics.serve(this.config.WORKER_METRICS_ADDRESS, sdkMetricsAddress);
      this.logger.log(`serving metrics at http://${this.config.WORKER_METRICS_ADDRESS}/metrics`);
    }
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    this.clientConnection = await Connection.connect({ address: this.config.TEMPORAL_ADDRESS });
    const client = new Client({
      connection: this.clientConnection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      interceptors: clientInterceptors(),
    });
    const registered = await ensureSearchAttributes(this.clientConnection, this.config.TEMPORAL_NAMESPACE);
    if (registered.length > 0)
      this.logger.log(`registered search attributes ${registered.join(', ')} on "${this.config.TEMPORAL_NAMESPACE}"`);
    this.logger.log('bundling workflows…');
    const tracing = currentTracing();
    const bundle = await workflowBundle({ tracing: tracing !== undefined });
    const activities = createActivities({
      dataSource: this.dataSource,
      client,
      outcomeDeliveriesPerSecond: this.config.OUTCOME_DELIVERIES_PER_SECOND,
    });
    const queues = Object.values(taskQueuesOf(this.config.TEMPORAL_TASK_QUEUE));
    boundWorkflowThreadHeap(this.config.WORKER_WORKFLOW_HEAP_MB);
    prepareWorkflowThreads({ stackTraces: this.config.WORKER_WORKFLOW_STACK_TRACES });
    const shortfall = workflowHeapShortfall(this.config);
    if (shortfall) this.logger.warn(shortfall);
    this.workers = await Promise.all(
      queues.map((taskQueue) =>
        Worker.create({
          connection: this.connection!,
          namespace: this.config.TEMPORAL_NAMESPACE,
          taskQueue,
          workflowBundle: bundle,
          activities,
          sinks: { ...this.metrics.sinks(), ...(tracing && tracingSinks(tracing)) },
          interceptors: {
            // The trace's span first, so that the request id and the timing run inside it.
            activity: [
              ...(tracing ? [tracingActivityInterceptors()] : []),
              activityInterceptors(this.metrics.timeActivity),
            ],
          },
          ...capacityOf(this.config),
        }),
      ),
    );
  }

  /**
   * Starts polling. One Worker failing stops the other too: half a deployment would close no
   * months or run no units. `onFailed` is called, with the first failure, once every Worker has
   * stopped after one failed: the process must then end (main.ts), or it would stay up serving
   * /metrics with no poller (a Worker is never started twice), and no supervisor would restart it.
   */
  start(onFailed: (error: unknown) => void = () => undefined): void {
    if (this.workers.length === 0) throw new Error('worker not initialised');
    let failure: { error: unknown } | undefined;
    const runs = this.workers.map((worker) =>
      worker.run().catch((error: unknown) => {
        if (!failure) {
          failure = { error };
          this.logger.fatal(
            `the Worker of task queue "${worker.options.taskQueue}" failed, stopping: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        this.shutdownWorkers();
      }),
    );
    this.running = Promise.all(runs).then(() => {
      if (failure) onFailed(failure.error);
    });
    const queues = this.workers.map((worker) => `"${worker.options.taskQueue}"`).join(' and ');
    this.logger.log(`polling task queue ${queues} on ${this.config.TEMPORAL_ADDRESS}`);
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    if (this.workers.some((worker) => worker.getState() === 'RUNNING')) {
      this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: finishing in-flight tasks`);
      this.shutdownWorkers();
    }
    await this.running;
    await this.connection?.close();
    await this.clientConnection?.close();
    await this.metrics.close();
    await currentTracing()?.flush();
  }

  private shutdownWorkers(): void {
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  }
}

/** Memory and concurrency from the validated configuration (see docs/operations.md, Configuration). */
function capacityOf(config: AppConfig) {
  return {
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
  };
}

/**
 * Each Worker runs its workflows in a thread of its own, created with V8's default heap limit (a
 * quarter of the machine's memory, 4 GB here) unless told otherwise; V8 then leaves the workflows
 * the cache evicted uncollected long after they are gone. The SDK sets no limit of its own, so the
 * flag is set for the threads created after this call (the process's main heap is already sized).
 */
function boundWorkflowThreadHeap(megabytes: number): void {
  setFlagsFromString(`--max-old-space-size=${megabytes}`);
}
