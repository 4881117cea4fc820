import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import type { AppConfig } from '@jiebang/config';
import { PersistenceModule } from '@jiebang/persistence';
import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { AnnualResultsModule } from './annual/annual-results.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BoardModule } from './board/board.module';
import { BulletinModule } from './bulletin/bulletin.module';
import { ActorGuard } from './common/actor';
import { ErrorFilter } from './common/error.filter';
import { jsonLogsModule } from './common/json-logs';
import { RequestTimeoutInterceptor } from './common/request-timeout.interceptor';
import { TextHygienePipe } from './common/validation';
import { EvidenceModule } from './evidence/evidence.module';
import { CasesModule } from './cases/cases.module';
import { ChannelsModule } from './channels/channels.module';
import { CyclesModule } from './cycles/cycles.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { MessagesModule } from './messages/messages.module';
import { MetricsModule } from './metrics/metrics.module';
import { MonthsModule } from './months/months.module';
import { ProjectsModule } from './projects/projects.module';
import { RatingsModule } from './ratings/ratings.module';
import { ReportsModule } from './reports/reports.module';
import { VetoesModule } from './vetoes/vetoes.module';
import { SupervisionModule } from './supervision/supervision.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalModule } from './temporal/temporal.module';
import { UnitsModule } from './units/units.module';
import { WorkbooksModule } from './workbooks/workbooks.module';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...jsonLogsModule(config),
        PersistenceModule.forRoot(config.DATABASE_URL),
        TemporalModule.forRoot(config),
        AuditModule,
        AuthModule.register(config),
        AccountsModule.register(config),
        AdminModule,
        MetricsModule,
        HealthModule,
        CyclesModule,
        RatingsModule.register(config),
        ProjectsModule,
        UnitsModule,
        ReportsModule,
        EvidenceModule.register(config),
        MonthsModule,
        BoardModule,
        BulletinModule,
        AnnualResultsModule,
        VetoesModule,
        CasesModule,
        SupervisionModule,
        MessagesModule,
        ChannelsModule.register(config),
        TasksModule,
        WorkbooksModule,
        DemoModule.register(config.DEMO_IMPORT, config.NODE_ENV !== 'production'),
      ],
      providers: [
        { provide: APP_GUARD, useClass: ActorGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useClass: TextHygienePipe },
        { provide: APP_INTERCEPTOR, useValue: new RequestTimeoutInterceptor(config.API_REQUEST_TIMEOUT_MS) },
      ],
    };
  }
}
