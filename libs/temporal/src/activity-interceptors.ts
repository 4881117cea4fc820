import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { currentRequestId, requestIdOf } from './request-id';

/** Told when an activity ends, with how long it ran (the worker's metrics). */
export type ActivityTimer = (activityType: string, seconds: number, outcome: 'completed' | 'failed') => void;

/**
 * The activity side of the request id: an activity scheduled by an Update or signal handler runs
 * with that request's id, which its log lines (the SDK's `Activity started`/`completed` among them)
 * carry as `requestId` and the Temporal client it uses passes on. `timed` hears each activity's
 * duration.
 */
export function activityInterceptors(timed?: ActivityTimer): ActivityInterceptorsFactory {
  return (context) => {
    let requestId: string | undefined;
    return {
      inbound: {
        async execute(input, next) {
          requestId = requestIdOf(input.headers);
          const startedAt = performance.now();
          let outcome: 'completed' | 'failed' = 'failed';
          try {
            const result = await (requestId === undefined
              ? next(input)
              : currentRequestId.run(requestId, () => next(input)));
            outcome = 'completed';
            return result;
          } finally {
            timed?.(context.info.activityType, (performance.now() - startedAt) / 1000, outcome);
          }
        },
      },
      outbound: {
        getLogAttributes: (attributes, next) =>
          next(requestId === undefined ? attributes : { ...attributes, requestId }),
      },
    };
  };
}
