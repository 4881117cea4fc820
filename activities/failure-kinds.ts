import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { ACTIVITY_DATA_ERROR } from '@jiebang/contracts';
import { sqlStateClassOf } from '@jiebang/persistence';

/**
 * SQLSTATE classes no retry can fix: 22 data exception (NUL in text, a value out of range, a
 * bad date) and 23 integrity constraint violation. Everything else (connections, deadlocks,
 * serialisation failures, a server shutting down) may pass and is retried.
 */
const DATA_ERROR_CLASSES = ['22', '23'];

/** Whether a failure lies in the data the activity was given, so that retrying it cannot help. */
export function isDataError(error: unknown): boolean {
  if (error instanceof RangeError) return true; // an invalid date or number in the input
  return DATA_ERROR_CLASSES.includes(sqlStateClassOf(error) ?? '');
}

/**
 * Wraps every activity so that a data error surfaces to the workflow at once as a non-retryable
 * ApplicationFailure of type ACTIVITY_DATA_ERROR (with the attempt), instead of being retried
 * until the retry policy gives up; any other failure is retried as before.
 */
export function withFailureKinds<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [
      name,
      async (...args: never[]) => {
        try {
          return await activity(...args);
        } catch (error) {
          if (!isDataError(error)) throw error;
          const { attempt } = Context.current().info;
          throw ApplicationFailure.create({
            type: ACTIVITY_DATA_ERROR,
            message: `${name}: ${error instanceof Error ? error.message : String(error)}`,
            nonRetryable: true,
            details: [{ attempt }],
            cause: error instanceof Error ? error : undefined,
          });
        }
      },
    ]),
  ) as T;
}
