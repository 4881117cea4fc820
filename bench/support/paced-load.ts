import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PacedRequest {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const IDLE_SOCKET_MS = 2_000;

interface Answer {
  status: number | 'timeout' | 'error';
  ms: number;
  errorCode?: string;
}

export interface PacedLoadResult {
  requests: number;
  /** Answered 2xx. */
  ok: number;
  non2xx: number;
  /** No answer within the timeout. */
  timeouts: number;
  /** The connection failed. */
  errors: number;
  /** How the failed connections failed ("ECONNRESET": 1). */
  errorCodes: Record<string, number>;
  /** Milliseconds from when each request was due to its answer (answered requests only). */
  latency: { p50: number; p99: number; max: number };
}

/**
 * Open-loop load at a steady rate: request i is due at `i / rate` seconds, sent then whatever the
 * earlier ones came to, over a keep-alive pool of at most `connections` sockets (beyond which
 * requests queue in the client). Each latency runs from the moment its request was due, so time
 * spent queued behind a slow server counts. Unlike autocannon's `overallRate`, whose connections
 * each send their share at the start of every second (bursts of `connections` requests at once),
 * this spreads the requests evenly over the second.
 */
export async function pacedLoad(options: {
  baseUrl: string;
  rate: number;
  seconds: number;
  connections: number;
  timeoutMs: number;
  next: () => PacedRequest;
}): Promise<PacedLoadResult> {
  const { hostname, port } = new URL(options.baseUrl);
  // Idle sockets are closed by this side well before the server's keep-alive timeout (5 s), so a
  // request never goes out on a socket the server is closing at that moment.
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, timeout: IDLE_SOCKET_MS });
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;
  const outcomes: Array<Promise<Answer>> = [];
  const start = performance.now();
  try {
    for (let index = 0; index < total; index++) {
      const due = start + index * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, wait));
      outcomes.push(send(options.next(), due));
    }
    const answers = await Promise.all(outcomes);
    const answered = answers.filter((answer) => typeof answer.status === 'number');
    const latencies = answered.map((answer) => answer.ms).sort((a, b) => a - b);
    return {
      requests: total,
      ok: answered.filter((answer) => (answer.status as number) < 300).length,
      non2xx: answered.filter((answer) => (answer.status as number) >= 300).length,
      timeouts: answers.filter((answer) => answer.status === 'timeout').length,
      errors: answers.filter((answer) => answer.status === 'error').length,
      errorCodes: countBy(answers.flatMap((answer) => (answer.errorCode ? [answer.errorCode] : []))),
      latency: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? NaN },
    };
  } finally {
    agent.destroy();
  }

  function send(planned: PacedRequest, due: number): Promise<Answer> {
    return new Promise((resolve) => {
      const outgoing = request(
        { agent, hostname, port, method: planned.method, path: planned.path, headers: planned.headers },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - due }));
        },
      );
      outgoing.setTimeout(options.timeoutMs, () => {
        resolve({ status: 'timeout', ms: performance.now() - due });
        outgoing.destroy();
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ status: 'error', ms: performance.now() - due, errorCode: error.code ?? error.message }),
      );
      outgoing.end(planned.body);
    });
  }
}

/** The value below which `fraction` of the sorted values lie (nearest rank), rounded to 0.1 ms. */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
  return Math.round(value * 10) / 10;
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
