import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@jiebang/config';
import { startTracing } from '@jiebang/temporal';
import { DeliveryService } from './delivery.service';
import { JsonNestLogger, JsonTemporalLogger, workerJsonLog } from './json-logs';
import { installTemporalRuntime } from './temporal-runtime';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

export interface WorkerApplicationOptions {
  /**
   * Told when a Worker failed (its workflow thread ran out of heap, say): both Workers have
   * stopped and the application is closing; `closed` settles once it has. The process's own
   * entry point ends the process then, so that its supervisor starts a new one.
   */
  onWorkerFailure?: (closed: Promise<void>) => void;
}

/**
 * Builds the worker (a Nest application context, no HTTP port) and starts polling. A Worker that
 * fails stops the other and closes the application: a worker that polls no more serves nothing.
 */
export async function startWorkerApplication(
  config: AppConfig,
  { onWorkerFailure }: WorkerApplicationOptions = {},
): Promise<INestApplicationContext> {
  const json = workerJsonLog(config);
  startTracing(config.OTEL_EXPORTER_OTLP_ENDPOINT, config.OTEL_SERVICE_NAME ?? 'jiebang-worker');
  // Before the first connection: the SDK's runtime takes its logger and metrics once per process.
  await installTemporalRuntime(config, json && new JsonTemporalLogger(json));
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    bufferLogs: false,
    ...(json && { logger: new JsonNestLogger(json) }),
  });
  app.enableShutdownHooks();
  app.get(TemporalWorkerService).start(() => onWorkerFailure?.(app.close()));
  app.get(DeliveryService).start();
  return app;
}
