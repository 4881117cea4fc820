import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src';
import { DeliveryService } from './delivery.service';
import { WORKER_CONFIG } from './temporal-worker.service';

/** The database and the outbox's delivery, for `delivery-main` (the worker module includes it too). */
@Module({})
export class DeliveryModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [PersistenceModule.forRoot(config.DATABASE_URL)],
      providers: [DeliveryService, { provide: WORKER_CONFIG, useValue: config }],
    };
  }
}
