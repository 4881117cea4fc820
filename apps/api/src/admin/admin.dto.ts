import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Role } from '@jiebang/contracts';
import { ROLES } from '@jiebang/domain';

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

export class RetryingActivityView {
  @ApiProperty() workflowId!: string;
  @ApiProperty() workflowType!: string;
  @ApiProperty() activityId!: string;
  @ApiProperty() activityType!: string;
  @ApiProperty({ description: 'The attempt now running or waiting (1 is the first)' }) attempt!: number;
  @ApiPropertyOptional({ nullable: true, description: '0 means unbounded' }) maximumAttempts!: number | null;
  @ApiProperty({ example: 'PENDING_ACTIVITY_STATE_SCHEDULED' }) state!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Why the last attempt failed' }) lastFailure!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) lastFailedAt!: string | null;
}

export class FailedActivityView {
  @ApiPropertyOptional({ nullable: true }) workflowId!: string | null;
  @ApiProperty() activityType!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Attempts made, when the activity reported them' })
  attempts!: number | null;
  @ApiProperty({ description: 'A data error no retry could fix, or retries exhausted' }) dataError!: boolean;
  @ApiProperty() lastError!: string;
  @ApiProperty({ format: 'date-time' }) failedAt!: string;
  @ApiProperty({ description: 'The audit row that recorded the failure' }) auditSeq!: number;
}

export class FailingActivitiesView {
  @ApiProperty({
    type: [RetryingActivityView],
    description: 'Activities of running workflows whose last attempt failed, now retrying; most attempts first',
  })
  retrying!: RetryingActivityView[];
  @ApiProperty({
    type: [FailedActivityView],
    description: 'Activities that failed for good (the workflow recorded them and went on); newest first',
  })
  failed!: FailedActivityView[];
  @ApiProperty({ description: 'Running workflows scanned; more than the scan limit are not looked at' })
  workflowsScanned!: number;
}
