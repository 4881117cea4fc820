import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './free-port';
import { parseUpstreams, startReverseProxy, type RunningReverseProxy } from './reverse-proxy';

/** A real HTTP server that answers with its name, the method and the body it received. */
async function instance(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name, method: request.method, body: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port };
}

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
});

async function proxyFor(ports: number[]): Promise<RunningReverseProxy> {
  const proxy = await startReverseProxy({ port: 0, upstreams: ports.map((port) => ({ host: '127.0.0.1', port })) });
  open.push(proxy);
  return proxy;
}

const send = async (proxy: RunningReverseProxy, method: string, body?: string) => {
  const response = await fetch(`http://127.0.0.1:${proxy.port}/x`, { method, body });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, string>,
  };
};

describe('the reverse proxy in front of several API instances', () => {
  it('sends requests to the instances in turn', async () => {
    const [a, b] = [await instance('a'), await instance('b')];
    open.push({ close: () => a.server.close() }, { close: () => b.server.close() });
    const proxy = await proxyFor([a.port, b.port]);
    const names = [];
    for (let i = 0; i < 4; i++) names.push((await send(proxy, 'GET')).body.name);
    expect(names).toEqual(['a', 'b', 'a', 'b']);
  });

  it('sends a refused PUT, body and all, to the instance that is up', async () => {
    const up = await instance('up');
    open.push({ close: () => up.server.close() });
    const proxy = await proxyFor([await freePort(), up.port]);
    for (let i = 0; i < 2; i++)
      expect(await send(proxy, 'PUT', '{"submit":true}')).toMatchObject({
        status: 200,
        body: { name: 'up', method: 'PUT', body: '{"submit":true}' },
      });
  });

  it('answers a refused POST with 503 and Retry-After rather than send it elsewhere', async () => {
    const up = await instance('up');
    open.push({ close: () => up.server.close() });
    const proxy = await proxyFor([await freePort(), up.port]);
    // Round-robin starts with the instance that is down.
    expect(await send(proxy, 'POST', '{}')).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { code: 'API_UNAVAILABLE' },
    });
  });

  it('reads its upstreams from host:port lists and refuses anything else', () => {
    expect(parseUpstreams('api-1:3000, api-2:3000')).toEqual([
      { host: 'api-1', port: 3000 },
      { host: 'api-2', port: 3000 },
    ]);
    expect(() => parseUpstreams('api-1')).toThrow('"api-1" is not host:port');
  });
});
