import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/actor';
import { errorResponse } from '../common/openapi-schemas';
import { ApiZodQuery, zodPipe } from '../common/zod-body';
import {
  AdminTasksView,
  FailingActivitiesView,
  WorkflowDetailView,
  WorkflowListView,
} from '@jiebang/contracts/http/admin';
import {
  adminTasksQuery,
  adminWorkflowsQuery,
  workflowIdParam,
  type AdminTasksQuery,
  type AdminWorkflowsQuery,
} from '@jiebang/contracts/http/admin';
import { AdminWorkflowsService } from './admin-workflows.service';
import {
  adminTasksView,
  failingActivitiesView,
  workflowDetailView,
  workflowListView,
} from '@jiebang/contracts/http/admin';
import { zodResponse } from '../common/openapi-schemas';

const WORKFLOW_ID_PARAM = {
  name: 'workflowId',
  description: 'URL-encoded: slashes as %2F',
  example: 'cycle-2026-scenario-2026%2Funit-u01',
};

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(@Inject(AdminWorkflowsService) private readonly workflows: AdminWorkflowsService) {}

  @Get('workflows')
  @Roles('ADMIN')
  @ApiOperation({
    summary:
      'Workflows from Temporal visibility, filtered by cycle, unit, phase, status and type; newest first; each workflow once (its current run) unless status=ContinuedAsNew asks for earlier runs',
  })
  @ApiZodQuery(adminWorkflowsQuery)
  @ApiOkResponse(zodResponse('WorkflowListView', workflowListView))
  list(@Query(zodPipe(adminWorkflowsQuery)) query: AdminWorkflowsQuery): Promise<WorkflowListView> {
    return this.workflows.list(query);
  }

  @Get('workflows/:workflowId')
  @Roles('ADMIN')
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOperation({ summary: 'A workflow now: phase, pending human steps, pending activities, children and timers' })
  @ApiOkResponse(zodResponse('WorkflowDetailView', workflowDetailView))
  @ApiNotFoundResponse(errorResponse())
  describe(@Param('workflowId', zodPipe(workflowIdParam)) workflowId: string): Promise<WorkflowDetailView> {
    return this.workflows.describe(workflowId);
  }

  @Get('workflows/:workflowId/history')
  @Roles('ADMIN')
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOperation({ summary: "The workflow's event history as JSON (protobuf JSON of temporal.api.history.v1.History)" })
  @ApiOkResponse({ description: '{ events: [...] }', schema: { type: 'object', additionalProperties: true } })
  @ApiNotFoundResponse(errorResponse())
  history(@Param('workflowId', zodPipe(workflowIdParam)) workflowId: string): Promise<Record<string, unknown>> {
    return this.workflows.history(workflowId);
  }

  @Get('activities')
  @Roles('ADMIN')
  @ApiOperation({
    summary:
      'Failing activities: those retrying after a failed attempt (workflow, activity, attempts, last error) and those that failed for good',
  })
  @ApiOkResponse(zodResponse('FailingActivitiesView', failingActivitiesView))
  failingActivities(): Promise<FailingActivitiesView> {
    return this.workflows.failingActivities();
  }

  @Get('tasks')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Every pending human step across the system with its due date, overdue first' })
  @ApiZodQuery(adminTasksQuery)
  @ApiOkResponse(zodResponse('AdminTasksView', adminTasksView))
  tasks(@Query(zodPipe(adminTasksQuery)) query: AdminTasksQuery): Promise<AdminTasksView> {
    return this.workflows.tasks(query);
  }
}
