import { SendFailure } from './outgoing-message';

/** Status codes worth trying again: a timeout, too many requests, or the server's own trouble. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * POSTs JSON and returns the parsed answer. Refused connections, timeouts, 408, 429 and 5xx are
 * retryable failures; other 4xx are permanent (the channel's configuration is wrong). The URL is
 * never put in an error: robot URLs carry their access token.
 */
export async function postJson(
  url: string,
  body: string,
  { timeoutMs, headers = {} }: { timeoutMs: number; headers?: Record<string, string> },
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SendFailure(`request failed: ${describeFetchError(error)}`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok)
    throw new SendFailure(`HTTP ${response.status}: ${text.slice(0, 200)}`, !retryableStatus(response.status));
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    return { text };
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? (cause?.message ?? error.message) : String(error);
}
