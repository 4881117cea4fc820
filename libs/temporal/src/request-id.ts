import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The Temporal header that carries the API request's id (`x-request-id`) with the calls it makes:
 * workflow starts, Updates and signals, and from there the activities those handlers schedule.
 */
export const REQUEST_ID_HEADER = 'jiebang-request-id';

/** The request id of the work this Node.js process is doing now (an HTTP request, an activity). */
export const currentRequestId = new AsyncLocalStorage<string>();

/** `headers` with the current request id added, or `headers` as they are outside a request. */
export function withRequestIdHeader(headers: Headers): Headers {
  const requestId = currentRequestId.getStore();
  if (requestId === undefined) return headers;
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

/** The request id a caller put in `headers`, if any. */
export function requestIdOf(headers: Headers | undefined): string | undefined {
  const payload = headers?.[REQUEST_ID_HEADER];
  if (payload === undefined) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  return typeof value === 'string' ? value : undefined;
}

/** The client interceptor that adds the current request id to every start, Update and signal. */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers) }),
  startWithDetails: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers) }),
  startUpdateWithStart: (input, next) =>
    next({
      ...input,
      workflowStartHeaders: withRequestIdHeader(input.workflowStartHeaders),
      updateHeaders: withRequestIdHeader(input.updateHeaders),
    }),
  signal: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestIdHeader(input.headers) }),
};
