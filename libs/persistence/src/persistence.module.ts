import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openDatabase } from './data-source';
import {
  AccountRepository,
  AnnualResultRepository,
  AuditLogRepository,
  BoardRepository,
  CaseRepository,
  CycleRepository,
  DatabaseRepository,
  DeliveryRepository,
  EvidenceFileRepository,
  KeyProjectRepository,
  MessageRepository,
  MonthRankingRepository,
  NotificationChannelRepository,
  ReportDraftRepository,
  SessionRepository,
  SupervisionItemRepository,
  UnitRepository,
  UnitYearRepository,
  VetoRepository,
  WeeklyNoteRepository,
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
  WeeklyNoteRepository,
  MonthRankingRepository,
  ReportDraftRepository,
  SupervisionItemRepository,
  UnitRepository,
  UnitYearRepository,
  VetoRepository,
  WeeklyNoteRepository,
];

/**
 * Repositories that also run inside a caller's transaction (`within(manager)`) or a snapshot of
 * their own: built over the DataSource (or its manager) by a factory, injected like the rest.
 */
const BUILT_REPOSITORIES = [
  { provide: AccountRepository, useFactory: (dataSource: DataSource) => new AccountRepository(dataSource.manager) },
  { provide: SessionRepository, useFactory: (dataSource: DataSource) => new SessionRepository(dataSource.manager) },
  {
    provide: NotificationChannelRepository,
    useFactory: (dataSource: DataSource) => new NotificationChannelRepository(dataSource.manager),
  },
  { provide: DeliveryRepository, useFactory: (dataSource: DataSource) => new DeliveryRepository(dataSource) },
  { provide: MessageRepository, useFactory: (dataSource: DataSource) => new MessageRepository(dataSource) },
].map((provider) => ({ ...provider, inject: [DataSource] }));

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
        ...BUILT_REPOSITORIES,
      ],
      exports: [DataSource, ...REPOSITORIES, ...BUILT_REPOSITORIES.map((provider) => provider.provide)],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

function redactPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
