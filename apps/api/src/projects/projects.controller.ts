import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../common/actor';
import { CycleKeyProjectsView } from './projects.dto';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('cycles/:cycleId/projects')
export class ProjectsController {
  constructor(@Inject(ProjectsService) private readonly projects: ProjectsService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: "The cycle's key projects (三挂) with their leaders in command and milestones, as imported",
  })
  @ApiOkResponse({ type: CycleKeyProjectsView })
  list(@Param('cycleId') cycleId: string): Promise<CycleKeyProjectsView> {
    return this.projects.list(cycleId);
  }
}
