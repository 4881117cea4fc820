import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One API instance behind the proxy. */
export interface Upstream {
  host: string;
  port: number;
}

export interface ReverseProxyOptions {
  /** Port to listen on (0: any free one). */
  port: number;
  /** Interface to bind; 127.0.0.1 unless given. */
  host?: string;
  upstreams: readonly Upstream[];
  log?: (line: string) => void;
  /** How long an instance that refused a connection is skipped; 2 s unless given. */
  holdOffMs?: number;
}

export interface RunningReverseProxy {
  port: number;
  close(): Promise<void>;
}

/**
 * Methods that may be sent twice with the effect of once (RFC 9110 §9.2.2). Only these are sent to
 * the next instance when one refuses the connection: Jiebang's PUT of a report and its reads are;
 * a POST (a review, a close, an import) is answered 503 with Retry-After instead, and the client
 * reads the state before repeating it, as it does while an API restarts.
 */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Errors that mean the instance never received the request. */
const NOT_RECEIVED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Hop-by-hop headers (RFC 9110 §7.6.1) are the proxy's own, never forwarded. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

/**
 * A small HTTP reverse proxy for several API instances behind one port: round-robin, an instance
 * that refused a connection skipped for a moment, and a refused connection of an idempotent
 * request tried on the next instance. Bodies of idempotent requests are held in memory so they
 * can be sent again; others (evidence uploads are POSTs) stream through.
 */
export function startReverseProxy(options: ReverseProxyOptions): Promise<RunningReverseProxy> {
  if (options.upstreams.length === 0) throw new Error('the reverse proxy needs at least one upstream');
  const log = options.log ?? (() => undefined);
  const holdOffMs = options.holdOffMs ?? 2_000;
  const heldOffUntil = new Map<Upstream, number>();
  let next = 0;

  /** The upstreams in the order to try them: round-robin, those that refused lately last. */
  const order = (): Upstream[] => {
    const start = next++ % options.upstreams.length;
    const rotated = [...options.upstreams.slice(start), ...options.upstreams.slice(0, start)];
    const now = Date.now();
    return [
      ...rotated.filter((upstream) => (heldOffUntil.get(upstream) ?? 0) <= now),
      ...rotated.filter((upstream) => (heldOffUntil.get(upstream) ?? 0) > now),
    ];
  };

  const forward = (
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    upstream: Upstream,
    body: Buffer | undefined,
    onNotReceived: (error: NodeJS.ErrnoException) => void,
  ) => {
    const headers = { ...incoming.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const client = incoming.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = headers['x-forwarded-for']
      ? `${String(headers['x-forwarded-for'])}, ${client}`
      : client;
    headers['x-forwarded-host'] ??= incoming.headers.host;
    headers['x-forwarded-proto'] ??= 'http';
    if (body !== undefined) headers['content-length'] = String(body.length);
    const upstreamRequest = httpRequest(
      { host: upstream.host, port: upstream.port, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        const answerHeaders = { ...answer.headers };
        for (const name of HOP_BY_HOP) delete answerHeaders[name];
        outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, answerHeaders);
        answer.pipe(outgoing);
        answer.once('error', () => outgoing.destroy());
      },
    );
    upstreamRequest.once('error', (error: NodeJS.ErrnoException) => {
      if (NOT_RECEIVED.has(error.code ?? '') && !outgoing.headersSent) {
        // Said once per hold-off, not once per request, while an instance is starting or down.
        if ((heldOffUntil.get(upstream) ?? 0) <= Date.now())
          log(
            `${upstream.host}:${upstream.port} refused a connection (${error.code}); trying the others for ${holdOffMs / 1000} s`,
          );
        heldOffUntil.set(upstream, Date.now() + holdOffMs);
        onNotReceived(error);
      } else if (!outgoing.headersSent) {
        // The instance took the request and went away: it may have done the step, so nothing is repeated here.
        unavailable(
          outgoing,
          'API_INSTANCE_LOST',
          'The API instance handling this request stopped; read the state, then try again',
        );
      } else outgoing.destroy();
    });
    outgoing.once('close', () => {
      if (!outgoing.writableFinished) upstreamRequest.destroy();
    });
    if (body !== undefined) upstreamRequest.end(body);
    else incoming.pipe(upstreamRequest);
  };

  const handle = (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer | undefined) => {
    const candidates = order();
    const retry = body !== undefined;
    const attempt = (index: number) => {
      const upstream = candidates[index]!;
      forward(incoming, outgoing, upstream, body, () => {
        if (retry && index + 1 < candidates.length) attempt(index + 1);
        else unavailable(outgoing, 'API_UNAVAILABLE', 'No API instance accepted the request; try again shortly');
      });
    };
    attempt(0);
  };

  const server: Server = createServer((incoming, outgoing) => {
    if (!IDEMPOTENT.has(incoming.method ?? '')) {
      handle(incoming, outgoing, undefined);
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => handle(incoming, outgoing, Buffer.concat(chunks)));
    incoming.once('error', () => outgoing.destroy());
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** 503 in the API's error shape, with the Retry-After the API itself sends while a part is down. */
function unavailable(outgoing: ServerResponse, code: string, message: string): void {
  if (outgoing.headersSent) {
    outgoing.destroy();
    return;
  }
  outgoing.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' });
  outgoing.end(JSON.stringify({ statusCode: 503, code, message }));
}

/** `host:port,host:port` as upstreams (the proxy's command line and `API_UPSTREAMS`). */
export function parseUpstreams(list: string): Upstream[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.lastIndexOf(':');
      const port = Number(entry.slice(separator + 1));
      if (separator <= 0 || !Number.isInteger(port) || port <= 0)
        throw new Error(
          `"${entry}" is not host:port (API_UPSTREAMS lists the API instances, e.g. api-1:3000,api-2:3000)`,
        );
      return { host: entry.slice(0, separator), port };
    });
}
