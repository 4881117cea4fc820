import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/actor';
import { ErrorBody } from '../common/error-body';
import {
  AdminTasksQuery,
  AdminTasksView,
  AdminWorkflowsQuery,
  WorkflowDetailView,
  WorkflowListView,
} from './admin.dto';
import { AdminWorkflowsService } from './admin-workflows.service';

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
    summary: 'Workflows from Temporal visibility, filtered by cycle, unit, phase, status and type; newest first',
  })
  @ApiOkResponse({ type: WorkflowListView })
  list(@Query() query: AdminWorkflowsQuery): Promise<WorkflowListView> {
    return this.workflows.list(query);
  }

  @Get('workflows/:workflowId')
  @Roles('ADMIN')
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOperation({ summary: 'A workflow now: phase, pending human steps, pending activities, children and timers' })
  @ApiOkResponse({ type: WorkflowDetailView })
  @ApiNotFoundResponse({ type: ErrorBody })
  describe(@Param('workflowId') workflowId: string): Promise<WorkflowDetailView> {
    return this.workflows.describe(workflowId);
  }

  @Get('workflows/:workflowId/history')
  @Roles('ADMIN')
  @ApiParam(WORKFLOW_ID_PARAM)
  @ApiOperation({ summary: "The workflow's event history as JSON (protobuf JSON of temporal.api.history.v1.History)" })
  @ApiOkResponse({ description: '{ events: [...] }', schema: { type: 'object', additionalProperties: true } })
  @ApiNotFoundResponse({ type: ErrorBody })
  history(@Param('workflowId') workflowId: string): Promise<Record<string, unknown>> {
    return this.workflows.history(workflowId);
  }

  @Get('tasks')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Every pending human step across the system with its due date, overdue first' })
  @ApiOkResponse({ type: AdminTasksView })
  tasks(@Query() query: AdminTasksQuery): Promise<AdminTasksView> {
    return this.workflows.tasks(query);
  }
}
