import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@jiebang/config';
import { PersistenceModule } from '@jiebang/persistence';
import { DeliveryService } from './delivery.service';
import { TemporalWorkerService, WORKER_CONFIG } from './temporal-worker.service';
import { WORKER_METRICS_PROVIDER } from './worker-metrics';

/** The headless worker: the database for activities, the Temporal Worker itself and the outbox's delivery. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PersistenceModule.forRoot(config.DATABASE_URL)],
      providers: [
        TemporalWorkerService,
        DeliveryService,
        { provide: WORKER_CONFIG, useValue: config },
        WORKER_METRICS_PROVIDER,
      ],
    };
  }
}
