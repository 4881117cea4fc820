import { ApplicationFailure } from '@temporalio/workflow';

/** A workflow's way to refuse a human step, narrowed to the codes that workflow may raise. */
export type Refusal<Code extends string> = (code: Code, message: string, details?: unknown) => never;

/**
 * Refuses a human step from an Update validator: the caller gets `code` (the API maps it to an
 * HTTP status) and the message; non-retryable, since asking again changes nothing.
 */
export function refuse(code: string, message: string, details?: unknown): never {
  throw ApplicationFailure.create({
    type: code,
    message,
    details: details === undefined ? undefined : [details],
    nonRetryable: true,
  });
}
