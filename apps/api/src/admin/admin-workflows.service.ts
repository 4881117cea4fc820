import { Inject, Injectable } from '@nestjs/common';
import { Client, isGrpcServiceError, WorkflowNotFoundError, type WorkflowExecutionInfo } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ACTIVITY_FAILED_AUDIT_ACTION, type PendingStep } from '@jiebang/contracts';
import { CYCLE_ID, MONTH, PHASE, UNIT_ID, pendingStepsQuery } from '@jiebang/contracts/temporal';
import { ApiException } from '../common/api-exception';
import { toApiException } from '../common/workflow-errors';
import { AuditLogRepository, UnitYearRepository, type AuditLogEntity } from '@jiebang/persistence';
import type {
  AdminTasksView,
  FailedActivityView,
  FailingActivitiesView,
  RetryingActivityView,
  AdminTaskView,
  PendingActivityView,
  WorkflowDetailView,
  WorkflowListView,
  WorkflowSummaryView,
} from '@jiebang/contracts/http/admin';
import type { AdminTasksQuery, AdminWorkflowsQuery } from '@jiebang/contracts/http/admin';
import { pendingTimersOf, protoTimeMs } from './workflow-timers';

const DEFAULT_LIST_LIMIT = 200;
/** Activities that failed for good, newest first, shown at most. */
const FAILED_ACTIVITIES_SHOWN = 100;
/** How long one workflow may take to answer the pendingSteps Query before it counts as unanswered. */
const TASKS_QUERY_DEADLINE_MS = 3_000;
/** Workflows queried at once when collecting every pending step. */
const QUERY_CONCURRENCY = 16;
/** Running workflows scanned for pending steps at most: a district has a few hundred. */
const TASK_SCAN_LIMIT = 5_000;
/** gRPC status NOT_FOUND. */
const GRPC_NOT_FOUND = 5;

/** Administrators' read-only view of workflow state, from Temporal visibility, describe, history and Queries. */
@Injectable()
export class AdminWorkflowsService {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AuditLogRepository) private readonly auditLog: AuditLogRepository,
    @Inject(UnitYearRepository) private readonly years: UnitYearRepository,
  ) {}

  async list(query: AdminWorkflowsQuery): Promise<WorkflowListView> {
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const workflows: WorkflowSummaryView[] = [];
    let truncated = false;
    await this.visibility(async () => {
      for await (const execution of this.client.workflow.list({
        query: visibilityQuery(query),
        pageSize: Math.min(limit + 1, 1000),
      })) {
        if (workflows.length === limit) {
          truncated = true;
          break;
        }
        workflows.push(summaryOf(execution));
      }
    });
    return { workflows, truncated };
  }

  /** The latest run: phase, pending human steps (the workflow's Query), activities, children and timers. */
  async describe(workflowId: string): Promise<WorkflowDetailView> {
    const handle = this.client.workflow.getHandle(workflowId);
    const [description, history] = await this.orNotFound(workflowId, () =>
      Promise.all([handle.describe(), handle.fetchHistory()]),
    );
    // One workflow's page asks the workflow itself.
    const { steps, error } = await this.queryPendingSteps(workflowId);
    const raw = description.raw;
    return {
      ...summaryOf(description),
      pendingSteps: steps,
      pendingStepsError: error,
      pendingActivities: (raw.pendingActivities ?? []).map(
        (activity): PendingActivityView => ({
          activityId: activity.activityId ?? '',
          activityType: activity.activityType?.name ?? '',
          state: temporal.api.enums.v1.PendingActivityState[activity.state ?? 0] ?? String(activity.state),
          attempt: activity.attempt ?? 0,
          scheduledTime: isoOrNull(protoTimeMs(activity.scheduledTime)),
          lastFailure: activity.lastFailure?.message ?? null,
        }),
      ),
      pendingChildren: (raw.pendingChildren ?? []).map((child) => ({
        workflowId: child.workflowId ?? '',
        runId: child.runId ?? '',
        type: child.workflowTypeName ?? '',
      })),
      timers: pendingTimersOf(history.events ?? []),
    };
  }

  /**
   * The event history of the latest run as protobuf JSON: enum names, 64-bit integers as strings,
   * payloads base64 (`History.fromObject` reads it back). Not the SDK's historyToJSON: it fails
   * whenever npm installs two copies of protobufjs, as it does beside gRPC's older one.
   */
  async history(workflowId: string): Promise<Record<string, unknown>> {
    const history = await this.orNotFound(workflowId, () => this.client.workflow.getHandle(workflowId).fetchHistory());
    return temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), {
      longs: String,
      enums: String,
      bytes: String,
    });
  }

  /**
   * Failing activities without the Temporal UI: those of running workflows retrying after a
   * failed attempt (from each workflow's description), and those that failed for good, which the
   * workflow recorded in the audit trail before going on.
   */
  async failingActivities(): Promise<FailingActivitiesView> {
    const running = await this.runningWorkflows(undefined);
    const retrying: RetryingActivityView[] = [];
    for (let index = 0; index < running.length; index += QUERY_CONCURRENCY) {
      const batch = running.slice(index, index + QUERY_CONCURRENCY);
      const descriptions = await Promise.all(
        batch.map((execution) =>
          this.client.workflow
            .getHandle(execution.workflowId)
            .describe()
            .catch(() => undefined),
        ),
      );
      descriptions.forEach((description, position) => {
        for (const activity of description?.raw.pendingActivities ?? []) {
          if ((activity.attempt ?? 0) <= 1 && !activity.lastFailure) continue;
          retrying.push({
            workflowId: batch[position].workflowId,
            workflowType: batch[position].type,
            activityId: activity.activityId ?? '',
            activityType: activity.activityType?.name ?? '',
            attempt: activity.attempt ?? 0,
            maximumAttempts: activity.maximumAttempts ?? null,
            state: temporal.api.enums.v1.PendingActivityState[activity.state ?? 0] ?? String(activity.state),
            lastFailure: activity.lastFailure?.message ?? null,
            lastFailedAt: isoOrNull(protoTimeMs(activity.lastAttemptCompleteTime ?? activity.lastStartedTime)),
          });
        }
      });
    }
    const rows = await this.auditLog.newestFirst({ action: ACTIVITY_FAILED_AUDIT_ACTION }, FAILED_ACTIVITIES_SHOWN);
    return {
      retrying: retrying.sort((a, b) => b.attempt - a.attempt),
      failed: rows.map(failedActivityOf),
      workflowsScanned: running.length,
    };
  }

  private async runningWorkflows(cycleId: string | undefined): Promise<WorkflowExecutionInfo[]> {
    const running: WorkflowExecutionInfo[] = [];
    await this.visibility(async () => {
      for await (const execution of this.client.workflow.list({
        query: visibilityQuery({ cycleId, status: 'Running' }),
      })) {
        running.push(execution);
        if (running.length >= TASK_SCAN_LIMIT) break;
      }
    });
    return running;
  }

  /** Every pending human step of every running workflow that answers the Query; overdue first. */
  async tasks(query: AdminTasksQuery): Promise<AdminTasksView> {
    const running = await this.runningWorkflows(query.cycleId);
    const now = Date.now();
    const tasks: AdminTaskView[] = [];
    const unanswered: string[] = [];
    for (let index = 0; index < running.length; index += QUERY_CONCURRENCY) {
      const batch = running.slice(index, index + QUERY_CONCURRENCY);
      const answers = await Promise.all(batch.map((execution) => this.pendingStepsOf(execution)));
      batch.forEach((execution, position) => {
        const { steps } = answers[position];
        if (!steps) {
          unanswered.push(execution.workflowId);
          return;
        }
        for (const step of steps) {
          if (query.role && step.role !== query.role) continue;
          tasks.push({
            ...step,
            workflowId: execution.workflowId,
            workflowType: execution.type,
            cycleId: execution.typedSearchAttributes.get(CYCLE_ID) ?? null,
            overdue: step.dueAt !== null && Date.parse(step.dueAt) < now,
          });
        }
      });
    }
    return { tasks: tasks.sort(overdueFirst), unanswered: unanswered.sort() };
  }

  /**
   * The pending human steps of a workflow; null (with the reason) when it does not answer. A unit's
   * year is read from Postgres (docs/read-model.md): a Query to each of a district's units would
   * make the worker load every one its cache let go. The others (cycle, cases, supervision) answer
   * their own Query.
   */
  private async pendingStepsOf(
    execution: WorkflowExecutionInfo,
  ): Promise<{ steps: PendingStep[] | null; error: string | null }> {
    const { workflowId } = execution;
    const cycleId = execution.typedSearchAttributes.get(CYCLE_ID);
    const unitId = execution.typedSearchAttributes.get(UNIT_ID);
    if (execution.type === 'unitCycleWorkflow' && cycleId && unitId) {
      const year = await this.years.yearOf(cycleId, unitId);
      if (year) return { steps: year.pendingSteps, error: null };
    }
    return this.queryPendingSteps(workflowId);
  }

  /** The workflow's own list of pending human steps (its Query); null (with the reason) when it does not answer. */
  private async queryPendingSteps(workflowId: string): Promise<{ steps: PendingStep[] | null; error: string | null }> {
    try {
      const steps = await this.client.withDeadline(Date.now() + TASKS_QUERY_DEADLINE_MS, () =>
        this.client.workflow.getHandle(workflowId).query(pendingStepsQuery),
      );
      return { steps, error: null };
    } catch (error) {
      return { steps: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async orNotFound<T>(workflowId: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      // describe() says WorkflowNotFoundError; fetchHistory() lets the raw gRPC NOT_FOUND through.
      if (error instanceof WorkflowNotFoundError || hasGrpcCode(error, GRPC_NOT_FOUND)) {
        throw new ApiException(
          'WORKFLOW_NOT_FOUND',
          `No workflow ${workflowId} (ids with "/" are URL-encoded in paths: %2F)`,
        );
      }
      throw toApiException(error, `Workflow ${workflowId}`);
    }
  }

  /** Visibility failing means the Temporal server is unwell: 503, not a stack trace. */
  private async visibility(read: () => Promise<void>): Promise<void> {
    try {
      await read();
    } catch (error) {
      throw toApiException(error, 'Temporal visibility');
    }
  }
}

/** A visibility query from validated filters (AdminWorkflowsQuery only lets through values that need no escaping). */
function visibilityQuery(
  filter: Pick<AdminWorkflowsQuery, 'cycleId' | 'unitId' | 'phase' | 'status' | 'type'>,
): string {
  const clauses: string[] = [];
  if (filter.cycleId) clauses.push(`${CYCLE_ID.name} = "${filter.cycleId}"`);
  if (filter.unitId) clauses.push(`${UNIT_ID.name} = "${filter.unitId}"`);
  if (filter.phase) clauses.push(`${PHASE.name} = "${filter.phase}"`);
  // Without a status, each workflow once: its current run, not the runs it continued as new from.
  clauses.push(filter.status ? `ExecutionStatus = "${filter.status}"` : 'ExecutionStatus != "ContinuedAsNew"');
  if (filter.type) clauses.push(`WorkflowType = "${filter.type}"`);
  // No ORDER BY: SQL visibility (the dev server, Postgres) refuses it, and lists newest first anyway.
  return clauses.join(' AND ');
}

function summaryOf(execution: WorkflowExecutionInfo | Omit<WorkflowExecutionInfo, 'raw'>): WorkflowSummaryView {
  const attributes = execution.typedSearchAttributes;
  return {
    workflowId: execution.workflowId,
    runId: execution.runId,
    type: execution.type,
    status: execution.status.name,
    startTime: execution.startTime.toISOString(),
    closeTime: execution.closeTime?.toISOString() ?? null,
    cycleId: attributes.get(CYCLE_ID) ?? null,
    unitId: attributes.get(UNIT_ID) ?? null,
    phase: attributes.get(PHASE) ?? null,
    month: attributes.get(MONTH) ?? null,
    historyLength: execution.historyLength,
  };
}

function hasGrpcCode(error: unknown, code: number): boolean {
  return isGrpcServiceError(error) && error.code === code;
}

function failedActivityOf(row: AuditLogEntity): FailedActivityView {
  const change = row.change ?? {};
  return {
    workflowId: row.workflowId,
    activityType: typeof change.activityType === 'string' ? change.activityType : row.subject,
    attempts: typeof change.attempts === 'number' ? change.attempts : null,
    dataError: change.dataError === true,
    lastError: row.reason ?? '',
    failedAt: row.occurredAt.toISOString(),
    auditSeq: Number(row.seq),
  };
}

function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

export function overdueFirst(a: AdminTaskView, b: AdminTaskView): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueAt === null || b.dueAt === null) return a.dueAt === b.dueAt ? 0 : a.dueAt === null ? 1 : -1;
  return Date.parse(a.dueAt) - Date.parse(b.dueAt);
}
