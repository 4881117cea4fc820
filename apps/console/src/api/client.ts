import type { z } from 'zod';
import { problemsOfIssue } from '@jiebang/contracts/problem';
import type { Refusal, Tokens, User } from './types';

/** An answer of the API that is not a success: its code and message, shown beside the step. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: Refusal,
  ) {
    super(body.message);
  }
}

type SignInPrompt = () => Promise<void>;

/**
 * The one way the console talks to the API. The access token lives in memory only; the refresh
 * token is an httpOnly cookie the browser sends to /auth/refresh by itself. When a call finds the
 * session expired, the client refreshes it, and if that fails it asks the person to sign in again
 * (a dialog over the page, so a report being typed stays) and then repeats the call.
 */
class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<User | null> | null = null;
  private signInPrompt: SignInPrompt | null = null;

  onSignInNeeded(prompt: SignInPrompt): void {
    this.signInPrompt = prompt;
  }

  async signIn(username: string, password: string): Promise<User> {
    const tokens = await this.send<Tokens>('POST', '/auth/login', { username, password }, false);
    this.accessToken = tokens.accessToken;
    return tokens.user;
  }

  /** Replaces a temporary password with the person's own (POST /auth/password), which signs them in. */
  async changeTemporaryPassword(username: string, currentPassword: string, newPassword: string): Promise<User> {
    const tokens = await this.send<Tokens>('POST', '/auth/password', { username, currentPassword, newPassword }, false);
    this.accessToken = tokens.accessToken;
    return tokens.user;
  }

  /**
   * Resumes the session from the refresh cookie (a reload, a new tab); null when there is none.
   * After signing in with the district's identity provider the browser arrives with the refresh
   * token in the address's fragment (OIDC_SIGNED_IN_REDIRECT): it is exchanged once, which sets
   * the cookie, and wiped from the address.
   */
  resume(): Promise<User | null> {
    this.refreshing ??= this.send<Tokens>('POST', '/auth/refresh', fragmentRefreshToken(), false)
      .then((tokens) => {
        this.accessToken = tokens.accessToken;
        return tokens.user;
      })
      .catch(() => null)
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  async signOut(): Promise<void> {
    try {
      if (this.accessToken) await this.send('POST', '/auth/logout', undefined, true);
    } finally {
      this.accessToken = null;
    }
  }

  /** Forgets the access token (as if it had expired): the next call refreshes. */
  dropAccessToken(): void {
    this.accessToken = 'expired';
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, body);
  }

  delete(path: string): Promise<unknown> {
    return this.call('DELETE', path);
  }

  /** Sends a file as the request's body, with its own content type (evidence, address books). */
  upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
    return this.call<T>('POST', path, new FileBody(file, contentType));
  }

  /** A file the API sends back (an evidence download), as bytes. */
  download(path: string): Promise<Blob> {
    return this.call<Blob>('GET', path, undefined, true);
  }

  /** A file the API makes on a POST (a printable sheet), as bytes. */
  downloadPost(path: string, body: unknown): Promise<Blob> {
    return this.call<Blob>('POST', path, body, true);
  }

  private async call<T>(method: string, path: string, body?: unknown, asBlob = false): Promise<T> {
    try {
      return await this.send<T>(method, path, body, true, asBlob);
    } catch (error) {
      if (!(error instanceof ApiRefusal) || error.status !== 401) throw error;
    }
    if (!(await this.resume())) {
      if (!this.signInPrompt) throw new ApiRefusal(401, refusal('UNAUTHENTICATED', 'Sign in again'));
      await this.signInPrompt();
    }
    return this.send<T>(method, path, body, true, asBlob);
  }

  private async send<T>(method: string, path: string, body: unknown, authorised: boolean, asBlob = false): Promise<T> {
    const headers: Record<string, string> = { accept: asBlob ? '*/*' : 'application/json' };
    if (body !== undefined) headers['content-type'] = body instanceof FileBody ? body.contentType : 'application/json';
    if (authorised && this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : body instanceof FileBody ? body.file : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new ApiRefusal(0, refusal('NETWORK', error instanceof Error ? error.message : String(error)));
    }
    if (asBlob && response.ok) return (await response.blob()) as T;
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const body = parsed as Partial<Refusal> | undefined;
      throw new ApiRefusal(
        response.status,
        refusal((body?.code as Refusal['code']) ?? 'INTERNAL', body?.message ?? text, body?.details, body?.params),
      );
    }
    return parsed as T;
  }
}

class FileBody {
  constructor(
    readonly file: Blob,
    readonly contentType: string,
  ) {}
}

/** The refresh token an identity provider's sign-in left in the address's fragment, taken out of it. */
function fragmentRefreshToken(): { refreshToken?: string } {
  const refreshToken = new URLSearchParams(window.location.hash.slice(1)).get('refreshToken');
  if (!refreshToken) return {};
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return { refreshToken };
}

/** A refusal as the console keeps it; `params` (what it is about) let refusal-details.ts say it in the person's language. */
function refusal(code: Refusal['code'], message: string, details?: unknown, params?: Refusal['params']): Refusal {
  return { statusCode: 0, code, message, details, ...(params ? { params } : {}) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

export const api = new ApiClient();

/** A path segment, encoded (workflow ids hold slashes). */
export const seg = (value: string | number) => encodeURIComponent(String(value));

/**
 * Validates a body with the API's own schema (libs/contracts/src/http) before it is sent: the
 * person sees the problem beside the step at once, as the API's refusal would give it (the same
 * problems, codes and paths: libs/contracts' problemsOfIssue).
 */
export function checked<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.flatMap((issue) => problemsOfIssue(issue));
  const message = details.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
  throw new ApiRefusal(400, { statusCode: 400, code: 'VALIDATION_FAILED', message, details });
}
