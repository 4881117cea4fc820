import { Module } from '@nestjs/common';
import { AnnualResultsModule } from '../annual/annual-results.module';
import { CasesModule } from '../cases/cases.module';
import { CyclesModule } from '../cycles/cycles.module';
import { MonthsModule } from '../months/months.module';
import { ProjectsModule } from '../projects/projects.module';
import { ReportsModule } from '../reports/reports.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { LedgersController } from './ledgers.controller';
import { LedgersService } from './ledgers.service';
import { MonthWorkbooksController } from './month-workbooks.controller';
import { MonthWorkbooksService } from './month-workbooks.service';
import { TargetWorkbooksController } from './target-workbooks.controller';
import { TargetWorkbooksService } from './target-workbooks.service';

/** Workbooks in and out: the target workbook (template, import, export) and the ledgers (台账). */
@Module({
  imports: [
    CyclesModule,
    MonthsModule,
    CasesModule,
    SupervisionModule,
    AnnualResultsModule,
    ReportsModule,
    ProjectsModule,
  ],
  controllers: [TargetWorkbooksController, LedgersController, MonthWorkbooksController],
  providers: [TargetWorkbooksService, LedgersService, MonthWorkbooksService],
})
export class WorkbooksModule {}
