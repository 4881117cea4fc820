import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkedLookup, OutboundRefused, resolveChecked } from './outbound-address';
import type { OutboundPolicy } from './outbound-policy';
import { SendFailure } from './outgoing-message';

/** The most of an answer read: robots answer a few hundred bytes of JSON. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Status codes worth trying again: a timeout, too many requests, or the server's own trouble. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Our own words for a status; the receiver's body is never repeated (it may be anything). */
function statusReason(status: number): string {
  if (status >= 300 && status < 400) return 'a redirect, not followed';
  if (status === 401 || status === 403) return 'refused our credentials';
  if (status === 404) return 'no such address';
  if (status === 408 || status === 429) return 'busy, will try again';
  if (status >= 500) return 'server error, will try again';
  return 'refused the request';
}

export interface PostOptions {
  timeoutMs: number;
  policy: OutboundPolicy;
  headers?: Record<string, string>;
}

/**
 * POSTs JSON to a destination the policy allows, checked after DNS resolution (the connection goes
 * to the checked address), and returns the parsed answer. Redirects are not followed. Refused
 * connections, timeouts, 408, 429 and 5xx are retryable failures; other 4xx and 3xx are permanent.
 * A failure names the status and a reason of our own, never the answer's body, and never the URL
 * (robot URLs carry their access token).
 */
export async function postJson(
  url: string,
  body: string,
  { timeoutMs, policy, headers = {} }: PostOptions,
): Promise<unknown> {
  const target = new URL(url);
  try {
    // Literal addresses never reach `lookup`: check them here.
    await resolveChecked(target.hostname, policy);
  } catch (error) {
    throw failureOf(error);
  }
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const { status, text } = await new Promise<{ status: number; text: string }>((done, fail) => {
    const outgoing = request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        lookup: checkedLookup(policy),
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
          else response.destroy();
        });
        response.on('close', () =>
          done({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', () => undefined);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(timeoutError()));
    outgoing.on('error', fail);
    outgoing.end(body);
  }).catch((error: unknown) => {
    throw failureOf(error);
  });
  if (status < 200 || status >= 300)
    throw new SendFailure(`HTTP ${status}: ${statusReason(status)}`, !retryableStatus(status));
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    return {};
  }
}

function timeoutError(): Error {
  const error = new Error('timed out');
  error.name = 'TimeoutError';
  return error;
}

function failureOf(error: unknown): SendFailure {
  if (error instanceof OutboundRefused) return new SendFailure(error.message, true);
  if (error instanceof SendFailure) return error;
  const cause = error as { name?: string; code?: string; message?: string };
  if (cause.name === 'TimeoutError' || cause.name === 'AbortError') return new SendFailure('request failed: timed out');
  return new SendFailure(`request failed: ${cause.code ?? 'connection error'}`);
}
