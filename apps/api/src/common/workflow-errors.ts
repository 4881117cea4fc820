import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiException, isApiErrorCode } from './api-exception';
import { unavailableFailure } from './unavailable';

/** How long a read waits for a workflow to answer a Query before the API answers 503. */
export const QUERY_DEADLINE_MS = 5_000;

/**
 * Translates what Temporal answered to a human step into an ApiException: a workflow's
 * typed rejection keeps its code and message, an absent workflow is 404, and a server or
 * worker that does not answer is 503.
 */
export function toApiException(error: unknown, subject: string): ApiException {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type ?? '';
    // A refusal's details are [details, params] (workflows/refusal.ts).
    const [details, params] = error.cause.details ?? [];
    if (isApiErrorCode(type))
      return new ApiException(type, error.cause.message, details ?? undefined, paramsOf(params));
  }
  if (error instanceof WorkflowNotFoundError)
    return new ApiException('NOT_FOUND', `${subject} has no running workflow`);
  const unavailable = unavailableFailure(error);
  if (unavailable?.code === 'DATABASE_UNAVAILABLE') return unavailable;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiException(
    'WORKFLOW_UNAVAILABLE',
    `${subject}: the workflow did not answer (${message}); try again shortly`,
  );
}

function paramsOf(value: unknown): Record<string, string | number> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
