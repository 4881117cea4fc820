import { upsertSearchAttributes } from '@temporalio/workflow';
import { MONTH, PHASE } from '../libs/contracts/src';

/** Publishes the workflow's phase (and month, when there is one) to Temporal visibility. */
export function upsertPhase(phase: string, month?: number): void {
  upsertSearchAttributes(
    month === undefined
      ? [{ key: PHASE, value: phase }]
      : [
          { key: PHASE, value: phase },
          { key: MONTH, value: month },
        ],
  );
}
