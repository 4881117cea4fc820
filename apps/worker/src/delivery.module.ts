import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@jiebang/config';
import { PersistenceModule } from '@jiebang/persistence';
import { DeliveryService } from './delivery.service';
import { WORKER_CONFIG } from './temporal-worker.service';
import { WORKER_METRICS_PROVIDER } from './worker-metrics';

/** The database and the outbox's delivery, for `delivery-main` (the worker module includes it too). */
@Module({})
export class DeliveryModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [PersistenceModule.forRoot(config.DATABASE_URL)],
      providers: [DeliveryService, WORKER_METRICS_PROVIDER, { provide: WORKER_CONFIG, useValue: config }],
    };
  }
}
