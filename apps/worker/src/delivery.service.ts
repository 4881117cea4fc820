import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { channelSecretKeyOf, type AppConfig } from '@jiebang/config';
import { DeliveryDispatcher, deliveryOptionsOf } from '@jiebang/delivery';
import { WORKER_CONFIG } from './temporal-worker.service';
import { WorkerMetrics } from './worker-metrics';

/** Runs the outbox's delivery in the worker process: started on bootstrap, drained at shutdown. */
@Injectable()
export class DeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger('Delivery');
  private readonly dispatcher: DeliveryDispatcher;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) dataSource: DataSource,
    @Inject(WorkerMetrics) metrics: WorkerMetrics,
  ) {
    this.dispatcher = new DeliveryDispatcher(
      dataSource,
      deliveryOptionsOf(config),
      this.logger,
      metrics.deliveryObserver,
    );
  }

  start(): void {
    if (!this.config.DELIVERY_ENABLED) {
      this.logger.log('delivery is off in this process (DELIVERY_ENABLED=false)');
      return;
    }
    const { generated } = channelSecretKeyOf(this.config);
    if (generated)
      this.logger.warn(
        `CHANNEL_SECRET_KEY is not set: channel secrets are encrypted with the key kept in ${generated}`,
      );
    this.dispatcher.start();
    this.logger.log('delivering the notifications outbox');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}
