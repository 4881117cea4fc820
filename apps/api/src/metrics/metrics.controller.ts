import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/actor';
import { ApiMetrics } from './api-metrics';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ApiMetrics) private readonly metrics: ApiMetrics) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: "This API instance's figures in the Prometheus text format (no personal data)" })
  @ApiOkResponse({ description: 'text/plain; version=0.0.4' })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
