import { type DynamicModule, Module } from '@nestjs/common';
import { CyclesModule } from '../cycles/cycles.module';
import { MonthsModule } from '../months/months.module';
import { ProjectsModule } from '../projects/projects.module';
import { ReportsModule } from '../reports/reports.module';
import { UnitsModule } from '../units/units.module';
import { VetoesModule } from '../vetoes/vetoes.module';
import { DEMO_IMPORT_ENABLED, DEMO_USERS_ENABLED, DemoDistrictService } from './demo-district.service';

@Module({})
export class DemoModule {
  /** `seedUsers`: also create the demo users (one per role); off in production. */
  static register(enabled: boolean, seedUsers = false): DynamicModule {
    return {
      module: DemoModule,
      imports: [CyclesModule, UnitsModule, ReportsModule, MonthsModule, VetoesModule, ProjectsModule],
      providers: [
        DemoDistrictService,
        { provide: DEMO_IMPORT_ENABLED, useValue: enabled },
        { provide: DEMO_USERS_ENABLED, useValue: seedUsers },
      ],
    };
  }
}
