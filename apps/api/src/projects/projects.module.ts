import { Module } from '@nestjs/common';
import { SupervisionModule } from '../supervision/supervision.module';
import { ProjectsController } from './projects.controller';
import { ProjectMapService } from './project-map.service';
import { ProjectsService } from './projects.service';
import { WeeklyDispatchController } from './weekly-dispatch.controller';
import { WeeklyDispatchService } from './weekly-dispatch.service';

@Module({
  imports: [SupervisionModule],
  controllers: [ProjectsController, WeeklyDispatchController],
  providers: [ProjectsService, ProjectMapService, WeeklyDispatchService],
  exports: [ProjectMapService, ProjectsService],
})
export class ProjectsModule {}
