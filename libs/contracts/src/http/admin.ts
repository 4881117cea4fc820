import { z } from 'zod';
import { ROLES } from '@jiebang/domain';
import { idValue, wholeNumberQuery } from './fields';

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
const safeValue = (name: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/, `${name} must be letters, digits and . _ : / - only`)
    .optional();

export const adminWorkflowsQuery = z.strictObject({
  cycleId: safeValue('cycleId').meta({ example: '2026-scenario-2026' }),
  unitId: safeValue('unitId').meta({ example: 'u01' }),
  phase: safeValue('phase').describe('The Phase search attribute (pledge, reporting, closed, ...)'),
  status: z.enum(EXECUTION_STATUSES).optional(),
  type: safeValue('type').meta({ example: 'unitCycleWorkflow' }),
  limit: wholeNumberQuery(1, 1000).optional().describe('At most this many workflows (default 200)'),
});

export const adminTasksQuery = z.strictObject({
  cycleId: safeValue('cycleId').meta({ example: '2026-scenario-2026' }),
  role: z.enum(ROLES).optional().describe('Only steps this role must take'),
});

/** A workflow id in a path (URL-encoded: slashes as %2F). */
export const workflowIdParam = idValue;

export type AdminWorkflowsQuery = z.infer<typeof adminWorkflowsQuery>;
export type AdminTasksQuery = z.infer<typeof adminTasksQuery>;

// Answers

export const workflowSummaryView = z.object({
  workflowId: z.string().meta({ example: 'cycle-2026-scenario-2026/unit-u01' }),
  runId: z.string(),
  type: z.string().meta({ example: 'unitCycleWorkflow' }),
  status: z.string().meta({ example: 'RUNNING' }),
  startTime: z.iso.datetime(),
  closeTime: z.iso.datetime().nullable(),
  cycleId: z.string().nullable(),
  unitId: z.string().nullable(),
  phase: z.string().nullable().describe('The current phase (Phase search attribute)'),
  month: z.number().nullable(),
  historyLength: z.number(),
});
export type WorkflowSummaryView = z.infer<typeof workflowSummaryView>;

export const workflowListView = z.object({
  workflows: z.array(workflowSummaryView),
  truncated: z.boolean().describe('More matched than `limit`'),
});
export type WorkflowListView = z.infer<typeof workflowListView>;

export const pendingStepView = z.object({
  step: z.string().meta({ example: 'pledge.sign' }),
  role: z.enum(ROLES),
  unitId: z.string().optional(),
  month: z.number().optional().describe('The month the step belongs to, for monthly steps'),
  dueAt: z.iso.datetime().nullable(),
});
export type PendingStepView = z.infer<typeof pendingStepView>;

export const pendingActivityView = z.object({
  activityId: z.string(),
  activityType: z.string(),
  state: z.string().meta({ example: 'PENDING_ACTIVITY_STATE_STARTED' }),
  attempt: z.number(),
  scheduledTime: z.iso.datetime().nullable(),
  lastFailure: z.string().nullable().describe('Why the last attempt failed'),
});
export type PendingActivityView = z.infer<typeof pendingActivityView>;

export const pendingChildView = z.object({
  workflowId: z.string(),
  runId: z.string(),
  type: z.string(),
});
export type PendingChildView = z.infer<typeof pendingChildView>;

export const pendingTimerView = z.object({
  timerId: z.string(),
  startedAt: z.iso.datetime(),
  firesAt: z.iso.datetime(),
});
export type PendingTimerView = z.infer<typeof pendingTimerView>;

export const workflowDetailView = workflowSummaryView.extend({
  pendingSteps: z
    .array(pendingStepView)
    .nullable()
    .describe('null when the workflow does not answer the pendingSteps Query'),
  pendingStepsError: z.string().nullable().describe('Why pendingSteps is null'),
  pendingActivities: z.array(pendingActivityView),
  pendingChildren: z.array(pendingChildView),
  timers: z.array(pendingTimerView).describe('Durable timers started and neither fired nor cancelled'),
});
export type WorkflowDetailView = z.infer<typeof workflowDetailView>;

export const adminTaskView = pendingStepView.extend({
  workflowId: z.string(),
  workflowType: z.string(),
  cycleId: z.string().nullable(),
  overdue: z.boolean().describe('dueAt has passed'),
});
export type AdminTaskView = z.infer<typeof adminTaskView>;

export const adminTasksView = z.object({
  tasks: z.array(adminTaskView).describe('Overdue first (longest overdue first), then by due date; undated last'),
  unanswered: z.array(z.string()).describe('Running workflows that did not answer the pendingSteps Query'),
});
export type AdminTasksView = z.infer<typeof adminTasksView>;

export const retryingActivityView = z.object({
  workflowId: z.string(),
  workflowType: z.string(),
  activityId: z.string(),
  activityType: z.string(),
  attempt: z.number().describe('The attempt now running or waiting (1 is the first)'),
  maximumAttempts: z.number().nullable().describe('0 means unbounded'),
  state: z.string().meta({ example: 'PENDING_ACTIVITY_STATE_SCHEDULED' }),
  lastFailure: z.string().nullable().describe('Why the last attempt failed'),
  lastFailedAt: z.iso.datetime().nullable(),
});
export type RetryingActivityView = z.infer<typeof retryingActivityView>;

export const failedActivityView = z.object({
  workflowId: z.string().nullable(),
  activityType: z.string(),
  attempts: z.number().nullable().describe('Attempts made, when the activity reported them'),
  dataError: z.boolean().describe('A data error no retry could fix, or retries exhausted'),
  lastError: z.string(),
  failedAt: z.iso.datetime(),
  auditSeq: z.number().describe('The audit row that recorded the failure'),
});
export type FailedActivityView = z.infer<typeof failedActivityView>;

export const failingActivitiesView = z.object({
  retrying: z
    .array(retryingActivityView)
    .describe('Activities of running workflows whose last attempt failed, now retrying; most attempts first'),
  failed: z
    .array(failedActivityView)
    .describe('Activities that failed for good (the workflow recorded them and went on); newest first'),
  workflowsScanned: z.number().describe('Running workflows scanned; more than the scan limit are not looked at'),
});
export type FailingActivitiesView = z.infer<typeof failingActivitiesView>;
