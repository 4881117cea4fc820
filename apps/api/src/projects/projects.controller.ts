import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn } from '../common/actor';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { CycleKeyProjectsView, ProjectProgressView } from './projects.dto';
import { reportProgressBody, type ReportProgressBody } from './projects.schemas';
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

  @Post(':projectId/progress')
  @Roles('UNIT_HEAD', 'UNIT_REPORTER')
  @ApiOperation({
    summary:
      "The owner unit reports a month's progress of a key project: investment to date, milestones reached, evidence. Roles: UNIT_HEAD, UNIT_REPORTER of the owner unit",
  })
  @ApiZodBody(reportProgressBody)
  @ApiOkResponse({ type: ProjectProgressView })
  reportProgress(
    @Param('cycleId') cycleId: string,
    @Param('projectId') projectId: string,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(reportProgressBody)) body: ReportProgressBody,
  ): Promise<ProjectProgressView> {
    return this.projects.reportProgress(cycleId, projectId, actor, body);
  }
}
