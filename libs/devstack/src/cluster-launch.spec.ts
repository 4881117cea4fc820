import { describe, expect, it } from 'vitest';
import { parseClusterBanner } from './cluster-launch';

describe('parseClusterBanner', () => {
  const banner = [
    "  Jiebang's cluster is running (started in 17.5 s)",
    '',
    '  Console and API  http://localhost:3000/  (2 API instances: 41001, 41002)',
    '  Workers          2 processes on task queue jiebang (metrics http://127.0.0.1:41003/metrics, http://127.0.0.1:41004/metrics)',
    '  Temporal         127.0.0.1:7233 (server 1.30.4, 16 history shards; metrics http://127.0.0.1:41005/metrics)',
  ].join('\n');

  it("reads the API instances' ports and the workers' and the server's metrics addresses", () => {
    expect(parseClusterBanner(`[postgres] ready\n${banner}\n`)).toEqual({
      apiPorts: [41001, 41002],
      workerMetricsUrls: ['http://127.0.0.1:41003/metrics', 'http://127.0.0.1:41004/metrics'],
      temporalMetricsUrl: 'http://127.0.0.1:41005/metrics',
    });
  });

  it('waits for the whole banner', () => {
    expect(parseClusterBanner(banner.split('\n').slice(0, 3).join('\n'))).toBeUndefined();
  });
});
