/**
 * The reverse proxy alone, for a deployment that runs several API instances behind one port
 * (docker-compose.yml's `proxy`): `API_UPSTREAMS=api-1:3000,api-2:3000 PORT=3000 node dist/libs/devstack/src/proxy-main.js`.
 */
import { parseUpstreams, startReverseProxy } from './reverse-proxy';

async function main(): Promise<void> {
  const upstreams = parseUpstreams(process.env.API_UPSTREAMS ?? '');
  if (upstreams.length === 0)
    throw new Error('API_UPSTREAMS is empty: list the API instances, e.g. api-1:3000,api-2:3000');
  const port = Number(process.env.PORT ?? 3000);
  const proxy = await startReverseProxy({
    port,
    host: process.env.PROXY_HOST ?? '0.0.0.0',
    upstreams,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`proxy on port ${proxy.port} for ${upstreams.map((u) => `${u.host}:${u.port}`).join(', ')}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void proxy.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
