import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { Role } from '../../../../libs/contracts/src';
import { ROLES } from '../../../../libs/domain/src';

/** Visibility's names of execution statuses, as the filter takes them. */
export const EXECUTION_STATUSES = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
] as const;
export type ExecutionStatusFilter = (typeof EXECUTION_STATUSES)[number];

/** Keys and ids that may go into a visibility query: no quotes, no spaces, nothing to escape. */
const SAFE_VALUE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/;
const SAFE_MESSAGE = 'must be letters, digits and . _ : / - only';

export class AdminWorkflowsQuery {
  @ApiPropertyOptional({ example: '2026-scenario-2026' })
  @IsOptional()
  @IsString()
  @Matches(SAFE_VALUE, { message: `cycleId ${SAFE_MESSAGE}` })
  cycleId?: string;

  @ApiPropertyOptional({ example: 'u01' })
  @IsOptional()
  @IsString()
  @Matches(SAFE_VALUE, { message: `unitId ${SAFE_MESSAGE}` })
  unitId?: string;

  @ApiPropertyOptional({
    example: 'pledge',
    description: 'The Phase search attribute (pledge, reporting, closed, ...)',
  })
  @IsOptional()
  @IsString()
  @Matches(SAFE_VALUE, { message: `phase ${SAFE_MESSAGE}` })
  phase?: string;

  @ApiPropertyOptional({ enum: EXECUTION_STATUSES })
  @IsOptional()
  @IsIn(EXECUTION_STATUSES)
  status?: ExecutionStatusFilter;

  @ApiPropertyOptional({ example: 'unitCycleWorkflow' })
  @IsOptional()
  @IsString()
  @Matches(SAFE_VALUE, { message: `type ${SAFE_MESSAGE}` })
  type?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AdminTasksQuery {
  @ApiPropertyOptional({ example: '2026-scenario-2026' })
  @IsOptional()
  @IsString()
  @Matches(SAFE_VALUE, { message: `cycleId ${SAFE_MESSAGE}` })
  cycleId?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'Only steps this role must take' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class WorkflowSummaryView {
  @ApiProperty({ example: 'cycle-2026-scenario-2026/unit-u01' }) workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty({ example: 'unitCycleWorkflow' }) type!: string;
  @ApiProperty({ example: 'RUNNING' }) status!: string;
  @ApiProperty({ format: 'date-time' }) startTime!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) closeTime!: string | null;
  @ApiPropertyOptional({ nullable: true }) cycleId!: string | null;
  @ApiPropertyOptional({ nullable: true }) unitId!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The current phase (Phase search attribute)' }) phase!:
    | string
    | null;
  @ApiPropertyOptional({ nullable: true }) month!: number | null;
  @ApiProperty() historyLength!: number;
}

export class WorkflowListView {
  @ApiProperty({ type: [WorkflowSummaryView] }) workflows!: WorkflowSummaryView[];
  @ApiProperty({ description: 'More matched than `limit`' }) truncated!: boolean;
}

export class PendingStepView {
  @ApiProperty({ example: 'pledge.sign' }) step!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiPropertyOptional() unitId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 12, description: 'The month the step belongs to, for monthly steps' })
  month?: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) dueAt!: string | null;
}

export class PendingActivityView {
  @ApiProperty() activityId!: string;
  @ApiProperty() activityType!: string;
  @ApiProperty({ example: 'PENDING_ACTIVITY_STATE_STARTED' }) state!: string;
  @ApiProperty() attempt!: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) scheduledTime!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Why the last attempt failed' }) lastFailure!: string | null;
}

export class PendingChildView {
  @ApiProperty() workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty() type!: string;
}

export class PendingTimerView {
  @ApiProperty() timerId!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) firesAt!: string;
}

export class WorkflowDetailView extends WorkflowSummaryView {
  @ApiPropertyOptional({
    type: [PendingStepView],
    nullable: true,
    description: 'null when the workflow does not answer the pendingSteps Query',
  })
  pendingSteps!: PendingStepView[] | null;
  @ApiPropertyOptional({ nullable: true, description: 'Why pendingSteps is null' }) pendingStepsError!: string | null;
  @ApiProperty({ type: [PendingActivityView] }) pendingActivities!: PendingActivityView[];
  @ApiProperty({ type: [PendingChildView] }) pendingChildren!: PendingChildView[];
  @ApiProperty({ type: [PendingTimerView], description: 'Durable timers started and neither fired nor cancelled' })
  timers!: PendingTimerView[];
}

export class AdminTaskView extends PendingStepView {
  @ApiProperty() workflowId!: string;
  @ApiProperty() workflowType!: string;
  @ApiPropertyOptional({ nullable: true }) cycleId!: string | null;
  @ApiProperty({ description: 'dueAt has passed' }) overdue!: boolean;
}

export class AdminTasksView {
  @ApiProperty({
    type: [AdminTaskView],
    description: 'Overdue first (longest overdue first), then by due date; undated last',
  })
  tasks!: AdminTaskView[];
  @ApiProperty({ type: [String], description: 'Running workflows that did not answer the pendingSteps Query' })
  unanswered!: string[];
}
