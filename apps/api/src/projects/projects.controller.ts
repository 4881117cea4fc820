import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, Roles, SignedIn } from '../common/actor';
import { ApiZodBody, ApiZodQuery, zodPipe } from '../common/zod-body';
import {
  CycleKeyProjectsView,
  LeaderPortfolioView,
  ProjectMapView,
  ProjectProgressView,
} from '@jiebang/contracts/http/projects';
import { ProjectMapService } from './project-map.service';
import {
  projectMapQuery,
  reportProgressBody,
  type ProjectMapQuery,
  type ReportProgressBody,
} from '@jiebang/contracts/http/projects';
import { ProjectsService } from './projects.service';
import {
  cycleKeyProjectsView,
  leaderPortfolioView,
  projectMapView,
  projectProgressView,
} from '@jiebang/contracts/http/projects';
import { zodListResponse, zodResponse } from '../common/openapi-schemas';

@ApiTags('projects')
@Controller('cycles/:cycleId/projects')
export class ProjectsController {
  constructor(
    @Inject(ProjectsService) private readonly projects: ProjectsService,
    @Inject(ProjectMapService) private readonly projectMap: ProjectMapService,
  ) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: "The cycle's key projects (三挂) with their leaders in command and milestones, as imported",
  })
  @ApiOkResponse(zodResponse('CycleKeyProjectsView', cycleKeyProjectsView))
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
  @ApiOkResponse(zodResponse('ProjectProgressView', projectProgressView))
  reportProgress(
    @Param('cycleId') cycleId: string,
    @Param('projectId') projectId: string,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(reportProgressBody)) body: ReportProgressBody,
  ): Promise<ProjectProgressView> {
    return this.projects.reportProgress(cycleId, projectId, actor, body);
  }

  @Get('map')
  @SignedIn()
  @ApiOperation({
    summary:
      'The project map (挂图作战): each key project with its milestones (done, due, overdue), investment, slips and stalled months (专盯); filter by unit, leader, category',
  })
  @ApiZodQuery(projectMapQuery)
  @ApiOkResponse(zodResponse('ProjectMapView', projectMapView))
  map(
    @Param('cycleId') cycleId: string,
    @Query(zodPipe(projectMapQuery)) query: ProjectMapQuery,
  ): Promise<ProjectMapView> {
    return this.projectMap.map(cycleId, query);
  }

  @Get('portfolios')
  @Roles('LEADERSHIP', 'ASSESSOR', 'ORG_DEPT')
  @ApiOperation({
    summary:
      "The leaders' portfolios (挂帅): projects, units, indicators with lights, slips, stalled projects, overdue items. A LEADERSHIP member sees their own; ASSESSOR and ORG_DEPT see all",
  })
  @ApiOkResponse(zodListResponse('LeaderPortfolioView', leaderPortfolioView))
  portfolios(@Param('cycleId') cycleId: string, @CurrentActor() actor: Actor): Promise<LeaderPortfolioView[]> {
    return this.projectMap.portfolios(cycleId, actor);
  }
}
