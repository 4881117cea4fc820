import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { MONTH, PHASE } from '@jiebang/contracts/temporal';

/**
 * Versioned change (docs/workflow-changes.md): only attributes whose value changes are
 * upserted, so a step that keeps the phase adds no event to the history. Workflows whose
 * history was made before it upserted on every call and keep doing so when they replay.
 */
export const UPSERT_ONLY_CHANGES = 'upsert-only-changed-search-attributes';

/** Publishes the workflow's phase (and month, when there is one) to Temporal visibility. */
export function upsertPhase(phase: string, month?: number): void {
  const pairs: SearchAttributeUpdatePair[] =
    month === undefined
      ? [{ key: PHASE, value: phase }]
      : [
          { key: PHASE, value: phase },
          { key: MONTH, value: month },
        ];
  if (!patched(UPSERT_ONLY_CHANGES)) return upsertSearchAttributes(pairs);
  const current = workflowInfo().typedSearchAttributes;
  const changed = pairs.filter((pair) => current.get(pair.key as typeof PHASE) !== pair.value);
  if (changed.length > 0) upsertSearchAttributes(changed);
}
