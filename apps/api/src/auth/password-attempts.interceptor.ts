import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';
import { ApiException } from '../common/api-exception';
import { LOGIN_ATTEMPTS_PER_ACCOUNT, LOGIN_WINDOW_MS } from './auth.constants';

/** The answers that mean a password was checked and was wrong. */
const WRONG_PASSWORD_CODES = new Set(['INVALID_CREDENTIALS', 'WRONG_CURRENT_PASSWORD']);

/**
 * Wrong passwords per account and address, counted together for every endpoint that checks one
 * (POST /auth/login, POST /auth/password, POST /me/password): the account is the body's
 * `username`, or the signed-in person for /me/password. After LOGIN_ATTEMPTS_PER_ACCOUNT wrong
 * ones within LOGIN_WINDOW_MS, every check of that account from that address answers 429 until
 * the oldest leaves the window. Only wrong passwords count, so a person who signs in, changes a
 * temporary password and signs in again is never stopped; guesses are. Kept in this process's
 * memory, like the per-address limit (LoginThrottlerGuard), which counts every attempt.
 */
/** One record for the process: each module that uses the interceptor gets its own instance, all share this. */
const failures = new Map<string, number[]>();

@Injectable()
export class PasswordAttempts implements NestInterceptor {
  private readonly failures = failures;

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Record<string, unknown>>();
    const key = `${addressOf(request)}|${accountOf(request)}`;
    const now = Date.now();
    const recent = (this.failures.get(key) ?? []).filter((at) => now - at < LOGIN_WINDOW_MS);
    if (recent.length > 0) this.failures.set(key, recent);
    else this.failures.delete(key);
    if (recent.length >= LOGIN_ATTEMPTS_PER_ACCOUNT) {
      const seconds = Math.max(1, Math.ceil((recent[0] + LOGIN_WINDOW_MS - now) / 1000));
      http.getResponse<Response>().setHeader('Retry-After', String(seconds));
      throw new ApiException('TOO_MANY_REQUESTS', `Too many sign-in attempts; try again in ${seconds} s`, {
        retryAfterSeconds: seconds,
      });
    }
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof ApiException && WRONG_PASSWORD_CODES.has(error.code)) {
          this.failures.set(key, [...(this.failures.get(key) ?? []), Date.now()]);
          this.forgetOld(Date.now());
        }
        return throwError(() => error);
      }),
    );
  }

  /** Keeps the map from growing with addresses that stopped trying. */
  private forgetOld(now: number): void {
    if (this.failures.size < 10_000) return;
    for (const [key, times] of this.failures)
      if (times.every((at) => now - at >= LOGIN_WINDOW_MS)) this.failures.delete(key);
  }
}

function addressOf(request: Record<string, unknown>): string {
  return typeof request.ip === 'string' ? request.ip : 'unknown';
}

function accountOf(request: Record<string, unknown>): string {
  const actor = request.actor as { userId?: unknown } | undefined;
  const body = request.body as { username?: unknown } | undefined;
  const account = typeof actor?.userId === 'string' ? actor.userId : body?.username;
  return typeof account === 'string' ? account.toLowerCase().slice(0, 64) : '';
}
