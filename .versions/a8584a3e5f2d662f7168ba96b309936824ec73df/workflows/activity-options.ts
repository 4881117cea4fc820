import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Options for activities that write records and notices. Every such write is keyed, so
 * retrying until the database answers is safe; a write is never given up.
 */
export const RECORDING_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
};
