import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { parseOutboundAllow } from '@jiebang/config';
import { postJson } from './http-post';
import { OutboundPolicy } from './outbound-policy';
import { SendFailure } from './outgoing-message';

/** This machine's name and the address it resolves to (loopback or a private address: never public). */
async function ownName(): Promise<{ name: string; address: string; family: number }> {
  const name = hostname();
  const { address, family } = await lookup(name);
  return { name, address, family };
}

describe('posting to a destination the policy checks after resolving it', () => {
  let server: Server | undefined;
  const requests: string[] = [];

  afterEach(async () => {
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    server = undefined;
    requests.length = 0;
  });

  async function listen(status: number, body: string): Promise<number> {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      request.resume();
      request.on('end', () => response.writeHead(status, { location: '/elsewhere' }).end(body));
    });
    await new Promise<void>((done) => server!.listen(0, done));
    return (server.address() as AddressInfo).port;
  }

  it('connects by name to the address it checked when the operator allows it', async () => {
    const own = await ownName();
    const port = await listen(200, '{"errcode":0}');
    const policy = new OutboundPolicy(parseOutboundAllow(`${own.address}/${own.family === 4 ? 32 : 128}`));
    await expect(postJson(`http://${own.name}:${port}/in`, '{}', { timeoutMs: 5_000, policy })).resolves.toEqual({
      errcode: 0,
    });
    expect(requests).toEqual(['/in']);
  });

  it('refuses a name that resolves inward, permanently, without connecting', async () => {
    const own = await ownName();
    const port = await listen(200, '{}');
    const failure = await postJson(`http://${own.name}:${port}/in`, '{}', {
      timeoutMs: 5_000,
      policy: new OutboundPolicy(),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SendFailure);
    expect((failure as SendFailure).permanent).toBe(true);
    expect((failure as SendFailure).message).toContain(`destination refused: ${own.name} resolves to ${own.address}`);
    expect(requests).toEqual([]);
  });

  it.each([
    [307, 'HTTP 307: a redirect, not followed', true],
    [500, 'HTTP 500: server error, will try again', false],
    [404, 'HTTP 404: no such address', true],
  ])('answers %i with our own words, not the body, and follows nothing', async (status, message, permanent) => {
    const port = await listen(status, 'SECRET-BODY-MARKER');
    const policy = new OutboundPolicy(parseOutboundAllow('127.0.0.1/32'));
    const failure = (await postJson(`http://127.0.0.1:${port}/in`, '{}', { timeoutMs: 5_000, policy }).catch(
      (error: unknown) => error,
    )) as SendFailure;
    expect(failure.message).toBe(message);
    expect(failure.permanent).toBe(permanent);
    expect(requests).toEqual(['/in']);
  });
});
