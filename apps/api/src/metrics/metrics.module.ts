import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';

/** Global: the error filter and the request timer of every feature report into it. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: ApiMetrics, inject: [DataSource], useFactory: (dataSource: DataSource) => new ApiMetrics(dataSource) },
  ],
  exports: [ApiMetrics],
})
export class MetricsModule {}
