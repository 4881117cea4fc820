import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

/** The metrics endpoint and ApiMetrics, which the app-wide error filter and guard (AppModule) report into. */
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: ApiMetrics, inject: [DataSource], useFactory: (dataSource: DataSource) => new ApiMetrics(dataSource) },
  ],
  exports: [ApiMetrics],
})
export class MetricsModule {}
