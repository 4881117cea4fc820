import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@jiebang/config';
import { FolderEvidenceStore, PostgresEvidenceStore } from '@jiebang/persistence';
import { EvidenceController } from './evidence.controller';
import { EVIDENCE_STORE, EvidenceService } from './evidence.service';

@Module({})
export class EvidenceModule {
  static register(config: Pick<AppConfig, 'EVIDENCE_STORE' | 'EVIDENCE_DIR'>): DynamicModule {
    return {
      module: EvidenceModule,
      controllers: [EvidenceController],
      providers: [
        EvidenceService,
        {
          provide: EVIDENCE_STORE,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            config.EVIDENCE_STORE === 'folder'
              ? new FolderEvidenceStore(config.EVIDENCE_DIR!)
              : new PostgresEvidenceStore(dataSource),
        },
      ],
    };
  }
}
