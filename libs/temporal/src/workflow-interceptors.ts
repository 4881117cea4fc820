/**
 * Workflow interceptors, bundled with the workflow code (`workflowInterceptorModules`): they run
 * in the workflow sandbox and import nothing but the SDK's workflow library.
 *
 * - The request id an Update or a signal carries (header `jiebang-request-id`) is kept for the
 *   handler's async context, written into every log line the handler writes, and passed on to the
 *   activities, child workflows and signals it starts.
 * - Each Update's outcome (accepted, refused by its validator, failed) is logged (`Update
 *   accepted` at debug level, `Update refused` at info, `Update failed` at warn) and goes to the
 *   worker's metrics through a sink. The SDK writes neither during a replay.
 *
 * Neither adds a command to the history: replays of existing histories are unchanged.
 */
import {
  ApplicationFailure,
  AsyncLocalStorage,
  defaultPayloadConverter,
  log,
  proxySinks,
  type Headers,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import type { JiebangSinks } from './worker-sinks';

/** Kept equal to REQUEST_ID_HEADER in request-id.ts (not imported: that module needs node:async_hooks). */
const REQUEST_ID_HEADER = 'jiebang-request-id';

const handlerRequestId = new AsyncLocalStorage<string>();
const { jiebangMetrics } = proxySinks<JiebangSinks>();

function requestIdOf(headers: Headers): string | undefined {
  const payload = headers[REQUEST_ID_HEADER];
  if (payload === undefined) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  return typeof value === 'string' ? value : undefined;
}

function withRequestId(headers: Headers): Headers {
  const requestId = handlerRequestId.getStore();
  return requestId === undefined
    ? headers
    : { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

function within<T>(headers: Headers, work: () => T): T {
  const requestId = requestIdOf(headers);
  return requestId === undefined ? work() : handlerRequestId.run(requestId, work);
}

function codeOf(error: unknown): string {
  return error instanceof ApplicationFailure ? (error.type ?? 'failure') : 'failure';
}

const inbound: WorkflowInboundCallsInterceptor = {
  handleSignal: (input, next) => within(input.headers, () => next(input)),
  validateUpdate: (input, next) =>
    within(input.headers, () => {
      try {
        next(input);
      } catch (error) {
        const code = codeOf(error);
        log.info('Update refused', { update: input.name, code });
        jiebangMetrics.updateHandled(input.name, 'rejected', code);
        throw error;
      }
    }),
  handleUpdate: (input, next) =>
    within(input.headers, async () => {
      try {
        const result = await next(input);
        log.debug('Update accepted', { update: input.name });
        jiebangMetrics.updateHandled(input.name, 'accepted', '');
        return result;
      } catch (error) {
        const code = codeOf(error);
        log.warn('Update failed', { update: input.name, code });
        jiebangMetrics.updateHandled(input.name, 'failed', code);
        throw error;
      }
    }),
};

const outbound: WorkflowOutboundCallsInterceptor = {
  scheduleActivity: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  scheduleLocalActivity: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startChildWorkflowExecution: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  signalWorkflow: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  getLogAttributes(input, next) {
    const requestId = handlerRequestId.getStore();
    return next(requestId === undefined ? input : { ...input, requestId });
  },
};

export const interceptors = (): WorkflowInterceptors => ({ inbound: [inbound], outbound: [outbound] });
