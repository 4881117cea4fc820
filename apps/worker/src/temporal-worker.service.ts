import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import type { AppConfig } from '../../../libs/config/src';

export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

/** `workflows/index` relative to this file, in the sources and in dist alike. */
const WORKFLOWS_PATH = resolve(__dirname, '../../../workflows');

/** Owns the Temporal Worker: created at module init, run on bootstrap, drained at shutdown. */
@Injectable()
export class TemporalWorkerService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private connection?: NativeConnection;
  /** A client for activities that signal other workflows. */
  private clientConnection?: Connection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    this.clientConnection = await Connection.connect({ address: this.config.TEMPORAL_ADDRESS });
    const client = new Client({ connection: this.clientConnection, namespace: this.config.TEMPORAL_NAMESPACE });
    this.logger.log('bundling workflows…');
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowsPath: WORKFLOWS_PATH,
      activities: createActivities({ dataSource: this.dataSource, client }),
    });
  }

  /** Starts polling; resolves once the worker is running (its run promise is kept for shutdown). */
  start(): void {
    if (!this.worker) throw new Error('worker not initialised');
    this.running = this.worker.run();
    this.running.catch((error: unknown) => {
      this.logger.fatal(`worker stopped: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
    this.logger.log(`polling task queue "${this.config.TEMPORAL_TASK_QUEUE}" on ${this.config.TEMPORAL_ADDRESS}`);
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') {
      this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: finishing in-flight tasks`);
      this.worker.shutdown();
    }
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    await this.clientConnection?.close();
  }
}
