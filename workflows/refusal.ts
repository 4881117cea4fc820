import { ApplicationFailure } from '@temporalio/workflow';

/** A workflow's way to refuse a human step, narrowed to the codes that workflow may raise. */
export type Refusal<Code extends string> = (
  code: Code,
  message: string,
  details?: unknown,
  params?: Record<string, string | number>,
) => never;

/**
 * Refuses a human step from an Update validator: the caller gets `code` (the API maps it to an
 * HTTP status), the message and the refusal's parameters (`{ month: 3 }`); non-retryable, since asking again changes nothing.
 */
export function refuse(
  code: string,
  message: string,
  details?: unknown,
  params?: Record<string, string | number>,
): never {
  throw ApplicationFailure.create({
    type: code,
    message,
    // [details, params]: the API answers params beside the message, for the console to say it in its language.
    details: params ? [details ?? null, params] : details === undefined ? undefined : [details],
    nonRetryable: true,
  });
}
