import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { hostname } from 'node:os';
import { Public } from '../common/actor';
import { HealthService, type HealthReport } from './health.service';

/** Each readiness probe gives up after this, so a hung dependency reads as down, not as a hang. */
const PROBE_TIMEOUT_MS = 3_000;

/** This process, as an operator tells API instances apart behind one port. */
const INSTANCE = `${hostname()}:${process.pid}`;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthService) private readonly health: HealthService,
    @Inject(HealthCheckService) private readonly terminus: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: '200 when Postgres and Temporal answer and a worker polls the task queue; 503 naming what is down',
  })
  @ApiOkResponse({ description: '{ status: "ok", checks }' })
  @ApiServiceUnavailableResponse({ description: '{ status: "down", checks } with the reason of each failed check' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') response.status(503);
    return report;
  }

  @Get('live')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: 200 while this API process serves requests (restart it when this fails)' })
  live(): Promise<HealthCheckResult> {
    return this.terminus.check([() => this.indicators.check('process').up({ instance: INSTANCE })]);
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary:
      'Readiness, as this API instance sees it: 200 when its Postgres and Temporal answer and a worker polls; 503 naming what is down',
  })
  @ApiOkResponse({ description: 'the @nestjs/terminus result: { status: "ok", info, error, details }' })
  @ApiServiceUnavailableResponse({ description: '{ status: "error", info, error, details }' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    const probe = (key: string, attempt: () => Promise<unknown>) => () =>
      this.indicators
        .check(key)
        .attempt(async () => {
          await attempt();
          return { instance: INSTANCE };
        })
        .withTimeout(PROBE_TIMEOUT_MS);
    try {
      return await this.terminus.check([
        probe('postgres', () => this.health.pingPostgres()),
        probe('temporal', () => this.health.pingTemporal()),
        probe('worker', () => this.health.assertWorkersPolling()),
      ]);
    } catch (error) {
      // Terminus reports "not ready" by throwing its result: answered as it is, not as an error body.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
