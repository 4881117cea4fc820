import type { WorkflowHandle } from '@temporalio/client';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];

/** One activity of a workflow's history, with server timestamps (ms since the epoch). */
export interface ActivitySpan {
  name: string;
  scheduledAt: number;
  startedAt?: number;
  completedAt?: number;
}

/** What a workflow's history says about the steps of a month close, read from server timestamps. */
export interface HistoryTimes {
  activities: ActivitySpan[];
  timers: Array<{ startedAt: number; firedAt?: number }>;
  updatesAccepted: Array<{ name: string; at: number }>;
}

export async function historyTimes(handle: WorkflowHandle): Promise<HistoryTimes> {
  const history = await handle.fetchHistory();
  const activities = new Map<string, ActivitySpan>();
  const timers = new Map<string, { startedAt: number; firedAt?: number }>();
  const updatesAccepted: Array<{ name: string; at: number }> = [];
  for (const event of history.events ?? []) {
    const at = timeOf(event);
    const id = String(event.eventId);
    if (event.activityTaskScheduledEventAttributes)
      activities.set(id, {
        name: event.activityTaskScheduledEventAttributes.activityType?.name ?? '?',
        scheduledAt: at,
      });
    const started = event.activityTaskStartedEventAttributes;
    if (started) withSpan(activities, started.scheduledEventId, (span) => (span.startedAt = at));
    const completed = event.activityTaskCompletedEventAttributes;
    if (completed) withSpan(activities, completed.scheduledEventId, (span) => (span.completedAt = at));
    if (event.timerStartedEventAttributes)
      timers.set(event.timerStartedEventAttributes.timerId ?? id, { startedAt: at });
    const fired = event.timerFiredEventAttributes;
    if (fired) {
      const timer = timers.get(fired.timerId ?? '');
      if (timer) timer.firedAt = at;
    }
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) updatesAccepted.push({ name: accepted.acceptedRequest?.input?.name ?? '?', at });
  }
  return { activities: [...activities.values()], timers: [...timers.values()], updatesAccepted };
}

/** The last completed activity of this name, if any. */
export function lastCompleted(times: HistoryTimes, name: string): ActivitySpan | undefined {
  return times.activities.filter((span) => span.name === name && span.completedAt !== undefined).at(-1);
}

function withSpan(
  spans: Map<string, ActivitySpan>,
  scheduledEventId: unknown,
  apply: (span: ActivitySpan) => void,
): void {
  const span = spans.get(String(scheduledEventId));
  if (span) apply(span);
}

function timeOf(event: HistoryEvent): number {
  const seconds = Number(event.eventTime?.seconds ?? 0);
  return seconds * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6);
}

/**
 * Whether the workflow took a signal named `name` and completed a workflow task after it (its
 * handler ran), read from the server's history: unlike a Query this asks nothing of the worker,
 * so checking does not load a workflow that the worker's cache let go.
 */
export async function signalProcessed(handle: WorkflowHandle, name: string): Promise<boolean> {
  const history = await handle.fetchHistory();
  let signalled = false;
  for (const event of history.events ?? []) {
    if (event.workflowExecutionSignaledEventAttributes?.signalName === name) signalled = true;
    else if (signalled && event.workflowTaskCompletedEventAttributes) return true;
  }
  return false;
}
