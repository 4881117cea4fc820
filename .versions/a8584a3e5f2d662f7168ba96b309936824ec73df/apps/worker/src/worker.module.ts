import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../../../libs/config/src';
import { PersistenceModule } from '../../../libs/persistence/src';
import { TemporalWorkerService, WORKER_CONFIG } from './temporal-worker.service';

/** The headless worker: the database for activities and the Temporal Worker itself. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PersistenceModule.forRoot(config.DATABASE_URL)],
      providers: [TemporalWorkerService, { provide: WORKER_CONFIG, useValue: config }],
    };
  }
}
