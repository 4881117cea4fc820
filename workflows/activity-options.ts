import { ActivityFailure, ApplicationFailure, log, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import { ACTIVITY_DATA_ERROR, ACTIVITY_FAILED_AUDIT_ACTION } from '@jiebang/contracts';

/**
 * Options for activities that write records and notices. Every such write is keyed, so
 * retrying is safe. Retries are bounded (about an hour and a half of a database that does not
 * answer, while GET /admin/activities shows them to administrators); a data error is not
 * retried at all (ACTIVITY_DATA_ERROR).
 */
export const RECORDING_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '60 seconds',
    maximumAttempts: 100,
    nonRetryableErrorTypes: [ACTIVITY_DATA_ERROR],
  },
};

/**
 * Telling every unit how its month ended: paced, so it may run for many minutes at district
 * size; it heartbeats after each batch, and a retry resumes from the last heartbeat.
 */
export const PACED_DELIVERY_OPTIONS: ActivityOptions = {
  ...RECORDING_ACTIVITY_OPTIONS,
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
};

/** Recording that an activity failed: a few attempts, then only the worker's log has it. */
const FAILURE_RECORDING_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
};

const { appendAudit: appendFailureAudit } = proxyActivities<Activities>(FAILURE_RECORDING_OPTIONS);

type AnyActivity = (...args: never[]) => Promise<unknown>;
type KeptGoing<A> = {
  [K in keyof A]: A[K] extends (...args: infer P) => Promise<infer R> ? (...args: P) => Promise<R | undefined> : never;
};

/**
 * Activities that record what already happened (records, notices, audit rows): when one fails
 * for good (a data error, or its retries exhausted) the workflow records the failure in the audit
 * trail (`activity.failed`, with the activity, attempts and error) and goes on, rather than
 * failing the year's workflow or waiting on a write that cannot succeed. The call answers
 * `undefined` then.
 */
export function keepGoingOnFailure<A extends Record<string, AnyActivity>>(activities: A): KeptGoing<A> {
  return new Proxy({} as KeptGoing<A>, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      const activity = activities[name];
      return async (...args: never[]) => {
        try {
          return await activity(...args);
        } catch (error) {
          if (!(error instanceof ActivityFailure)) throw error;
          await recordFailure(name, error);
          return undefined;
        }
      };
    },
  });
}

async function recordFailure(activityType: string, failure: ActivityFailure): Promise<void> {
  const cause = failure.cause;
  const message = printable(cause?.message ?? failure.message);
  const dataError = cause instanceof ApplicationFailure && cause.type === ACTIVITY_DATA_ERROR;
  const attempt =
    cause instanceof ApplicationFailure ? (cause.details?.[0] as { attempt?: number } | undefined)?.attempt : undefined;
  log.error('An activity failed for good; the workflow goes on', { activityType, message, dataError });
  try {
    await appendFailureAudit({
      action: ACTIVITY_FAILED_AUDIT_ACTION,
      subject: `activities/${activityType}`,
      reason: message,
      change: {
        activityType,
        activityId: failure.activityId ?? null,
        attempts: attempt ?? null,
        retryState: failure.retryState ?? null,
        dataError,
        error: message,
      },
    });
  } catch (error) {
    log.error('Could not record the activity failure in the audit trail', { activityType, error: String(error) });
  }
}

/** An error message as it may be stored: no control characters, at most 1000 characters. */
function printable(message: string): string {
  // eslint-disable-next-line no-control-regex
  return message.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '\uFFFD').slice(0, 1000);
}
