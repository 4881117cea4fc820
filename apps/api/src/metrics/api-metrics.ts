import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { registerDatabaseGauge, registerDeliveryGauges } from '@jiebang/delivery';

/** Seconds: a step is a few milliseconds, a scenario import or a workbook some seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * What operators watch on one API instance, in the Prometheus text format at /metrics: HTTP
 * latency and answers per route, refusals by code, and gauges read from Postgres at each
 * scrape (the delivery backlog, failed deliveries, the audit trail's length). One registry per
 * application, so that two APIs in one process (the tests) keep their own figures.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requestSeconds: Histogram<'method' | 'route' | 'status'>;
  private readonly refusals: Counter<'code' | 'signed_in'>;

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'jiebang_api_' });
    this.requestSeconds = new Histogram({
      name: 'jiebang_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status, with their duration',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.refusals = new Counter({
      name: 'jiebang_http_refusals_total',
      help: 'Answers of 4xx and 5xx by the problem code of their body, and whether a person was signed in',
      labelNames: ['code', 'signed_in'],
      registers: [this.registry],
    });
    registerDeliveryGauges(this.registry, dataSource);
    registerDatabaseGauge(this.registry, dataSource, {
      name: 'jiebang_audit_appends',
      help: 'Rows appended to the audit trail so far (its last sequence number)',
      sql: `SELECT coalesce(max(seq), 0)::bigint AS value FROM audit_log`,
    });
  }

  /** Express middleware: times each request and labels it by its route template, never its raw path. */
  timeRequests() {
    return (request: Request, response: Response, next: NextFunction): void => {
      const stop = this.requestSeconds.startTimer({ method: request.method });
      response.once('finish', () => stop({ route: routeTemplateOf(request), status: String(response.statusCode) }));
      next();
    };
  }

  countRefusal(code: string, signedIn: boolean): void {
    this.refusals.inc({ code, signed_in: signedIn ? 'yes' : 'no' });
  }
}

/** `/cycles/:cycleId/units/:unitId`: bounded label values whatever the paths asked for. */
export function routeTemplateOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (typeof route?.path !== 'string') return 'unmatched';
  return `${request.baseUrl}${route.path}`;
}
