import type { Logger } from '@temporalio/common';
import { Runtime, type RuntimeOptions } from '@temporalio/worker';
import { createServer } from 'node:net';
import type { AppConfig } from '@jiebang/config';

/** Where this process's SDK serves its Prometheus metrics (loopback), once the runtime is installed. */
let sdkMetricsAddress: string | undefined;
let installed = false;

/**
 * Installs the Temporal SDK's runtime once per process, before the first connection: with
 * WORKER_METRICS_ADDRESS its Prometheus exporter on a free loopback port (the worker's own
 * /metrics serves those figures after its own); with `logger` (LOG_FORMAT=json) the lines of
 * workflows, activities and the SDK's core written through it. A process that already has a
 * runtime (the tests run several workers in one process) keeps it.
 */
export async function installTemporalRuntime(
  config: AppConfig,
  logger?: Logger,
): Promise<{ sdkMetricsAddress?: string }> {
  if (installed) return { sdkMetricsAddress };
  installed = true;
  const options: RuntimeOptions = logger ? { logger } : {};
  if (config.WORKER_METRICS_ADDRESS) {
    sdkMetricsAddress = `127.0.0.1:${await freeLoopbackPort()}`;
    options.telemetryOptions = { metrics: { prometheus: { bindAddress: sdkMetricsAddress } } };
  }
  if (Object.keys(options).length > 0) Runtime.install(options);
  return { sdkMetricsAddress };
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port assigned')),
      );
    });
  });
}
