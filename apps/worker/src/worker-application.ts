import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@jiebang/config';
import { DeliveryService } from './delivery.service';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

/** Builds the worker (a Nest application context, no HTTP port) and starts polling. */
export async function startWorkerApplication(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), { bufferLogs: false });
  app.enableShutdownHooks();
  app.get(TemporalWorkerService).start();
  app.get(DeliveryService).start();
  return app;
}
