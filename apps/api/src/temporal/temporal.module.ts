import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '@jiebang/config';
import { clientInterceptors, currentTracing, ensureSearchAttributes } from '@jiebang/temporal';

export const TEMPORAL_TASK_QUEUE = Symbol('TEMPORAL_TASK_QUEUE');

/** The Temporal client the API uses to start workflows and send them human steps. */
@Global()
@Module({})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  static forRoot(
    config: Pick<AppConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'>,
  ): DynamicModule {
    return {
      module: TemporalModule,
      providers: [
        {
          provide: Client,
          useFactory: async () => {
            const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
            // The API starts workflows that set these; it may come up before the worker registers them.
            await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
            new Logger('Temporal').log(
              `connected to ${config.TEMPORAL_ADDRESS}, namespace ${config.TEMPORAL_NAMESPACE}`,
            );
            // Each start, Update and signal carries the request's id (and with tracing its span) to the workflow.
            return new Client({
              connection,
              namespace: config.TEMPORAL_NAMESPACE,
              interceptors: clientInterceptors(),
            });
          },
        },
        { provide: TEMPORAL_TASK_QUEUE, useValue: config.TEMPORAL_TASK_QUEUE },
      ],
      exports: [Client, TEMPORAL_TASK_QUEUE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
    await currentTracing()?.flush();
  }
}
