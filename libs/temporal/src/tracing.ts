import { context, propagation, trace, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { OpenTelemetryWorkflowExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions';
import type { ClientInterceptors } from '@temporalio/client';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdClientInterceptor } from './request-id';

/** What an OpenTelemetry collector needs to hear from one process. */
export interface TracingSettings {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's OTLP/HTTP base URL (`/v1/traces` is added). */
  endpoint: string;
  /** OTEL_SERVICE_NAME, else `jiebang-api` or `jiebang-worker`. */
  serviceName: string;
}

/**
 * OpenTelemetry traces of this process, exported by OTLP over HTTP (JSON) in batches: set up only
 * where an endpoint is configured; without one nothing is traced and nothing is sent.
 */
export class Tracing {
  readonly resource: Resource;
  readonly spanProcessor: SpanProcessor;
  private readonly provider: BasicTracerProvider;

  constructor({ endpoint, serviceName }: TracingSettings) {
    this.resource = new Resource({ 'service.name': serviceName });
    this.spanProcessor = new BatchSpanProcessor(
      new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
    );
    this.provider = new BasicTracerProvider({ resource: this.resource, spanProcessors: [this.spanProcessor] });
    // Global: the Temporal interceptors find the tracer and the active context there.
    this.provider.register({
      contextManager: new AsyncLocalStorageContextManager(),
      propagator: new W3CTraceContextPropagator(),
    });
  }

  tracer(): Tracer {
    return trace.getTracer('jiebang');
  }

  /** Sends the spans still in the batch (at shutdown; the provider stays usable). */
  async flush(): Promise<void> {
    await this.provider.forceFlush();
  }
}

let processTracing: Tracing | undefined;

/**
 * This process's tracing, set up by its first caller when `endpoint` is set (the provider is
 * global to the process); undefined when no endpoint is configured.
 */
export function startTracing(endpoint: string | undefined, serviceName: string): Tracing | undefined {
  if (!processTracing && endpoint) processTracing = new Tracing({ endpoint, serviceName });
  return processTracing;
}

/** This process's tracing if it was started. */
export function currentTracing(): Tracing | undefined {
  return processTracing;
}

/**
 * The interceptors of every Temporal client of the API and the worker: the request id on each
 * start, Update and signal, and with tracing a span for each, its context passed on.
 */
export function clientInterceptors(): ClientInterceptors {
  return {
    workflow: processTracing
      ? [new OpenTelemetryWorkflowClientInterceptor(), requestIdClientInterceptor]
      : [requestIdClientInterceptor],
  };
}

/** The activity interceptors that continue the trace the workflow passed on (a `RunActivity` span). */
export function tracingActivityInterceptors(): ActivityInterceptorsFactory {
  return (activityContext) => ({
    inbound: new OpenTelemetryActivityInboundInterceptor(activityContext),
    outbound: new OpenTelemetryActivityOutboundInterceptor(activityContext),
  });
}

/** The sink that takes the workflows' spans (made in the sandbox) to this process's exporter. */
export function tracingSinks(tracing: Tracing): InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }> {
  return { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) };
}

/** The workflow interceptor module of the SDK's OpenTelemetry package, for the workflow bundle. */
export const TRACING_WORKFLOW_INTERCEPTORS = require.resolve(
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors',
);

/**
 * Express middleware: one server span per HTTP request (continuing the caller's `traceparent`
 * if it sent one), active while the request is handled so that the Temporal calls it makes are
 * its children; named `METHOD /route/:template` once the route is known.
 */
export function traceRequests(tracer: Tracer, routeOf: (request: IncomingMessage) => string) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method ?? 'HTTP'}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method ?? '' } },
      parent,
    );
    response.once('finish', () => {
      const route = routeOf(request);
      span.updateName(`${request.method ?? 'HTTP'} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
