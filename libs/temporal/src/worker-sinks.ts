import type { Sinks } from '@temporalio/workflow';

/** How a human step sent as an Update ended in the workflow: accepted, refused by its validator, or failed in its handler. */
export type UpdateOutcome = 'accepted' | 'rejected' | 'failed';

/**
 * What workflow code tells the worker process (Temporal sinks: called once, never during a
 * replay). The workflow interceptors call it; the worker's metrics implement it.
 */
export interface JiebangSinks extends Sinks {
  jiebangMetrics: {
    /** An Update of `update` ended with `outcome`; `code` is the refusal's problem code (empty when accepted). */
    updateHandled(update: string, outcome: UpdateOutcome, code: string): void;
  };
}
