import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@jiebang/config';
import { DeliveryModule } from './delivery.module';
import { DeliveryService } from './delivery.service';

/** Delivery alone, without the Temporal worker: to run more senders than workers, or apart from them. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(DeliveryModule.register(loadConfigOrExit()));
  app.enableShutdownHooks();
  app.get(DeliveryService).start();
}

main().catch((error: unknown) => {
  new Logger('Delivery').fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
