import { Module } from '@nestjs/common';
import { ProjectsController } from './projects.controller';
import { ProjectMapService } from './project-map.service';
import { ProjectsService } from './projects.service';

@Module({
  controllers: [ProjectsController],
  providers: [ProjectsService, ProjectMapService],
})
export class ProjectsModule {}
