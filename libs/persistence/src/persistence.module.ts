import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDatabase } from './data-source';
import {
  AnnualResultRepository,
  AuditLogRepository,
  BoardRepository,
  CaseRepository,
  CycleRepository,
  DatabaseRepository,
  EvidenceFileRepository,
  KeyProjectRepository,
  MonthRankingRepository,
  ReportDraftRepository,
  SupervisionItemRepository,
  UnitRepository,
  UnitYearRepository,
  VetoRepository,
} from './repositories';

const REPOSITORIES = [
  AnnualResultRepository,
  AuditLogRepository,
  BoardRepository,
  CaseRepository,
  CycleRepository,
  DatabaseRepository,
  EvidenceFileRepository,
  KeyProjectRepository,
  MonthRankingRepository,
  ReportDraftRepository,
  SupervisionItemRepository,
  UnitRepository,
  UnitYearRepository,
  VetoRepository,
];

/** Provides the TypeORM DataSource, migrated at start and closed at shutdown, and the repositories over it. */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  private static readonly logger = new Logger('Persistence');

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = await openDatabase(databaseUrl);
            PersistenceModule.logger.log(`database ready at ${redactPassword(databaseUrl)} (migrations applied)`);
            return dataSource;
          },
        },
        ...REPOSITORIES,
      ],
      exports: [DataSource, ...REPOSITORIES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
