import { type ExecutionContext, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import { ApiException } from '../common/api-exception';
import { LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_WINDOW_MS } from './auth.constants';

/**
 * The limit on attempts from one address at every endpoint that checks a password (POST
 * /auth/login, POST /auth/password, POST /me/password), counted together; wrong passwords per
 * account are limited by PasswordAttempts. Counted in this process's memory (one API process per
 * deployment); behind a proxy, set Express's `trust proxy` so `request.ip` is the client's.
 */
export const LOGIN_THROTTLERS: ThrottlerOptions[] = [
  {
    name: 'address',
    ttl: LOGIN_WINDOW_MS,
    limit: LOGIN_ATTEMPTS_PER_ADDRESS,
    getTracker: (request) => addressOf(request),
  },
];

/** Applies LOGIN_THROTTLERS; too many attempts answer 429 in the one error shape, with Retry-After. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  /** One count per address whichever password-checking endpoint is called (not one per route). */
  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return createHash('sha256').update(`password-check-${name}-${suffix}`).digest('hex');
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    // The standard header clients and proxies read, rather than the throttler's `Retry-After-<name>`.
    const response = context.switchToHttp().getResponse<Response>();
    for (const { name } of LOGIN_THROTTLERS) response.removeHeader(`Retry-After-${name}`);
    response.setHeader('Retry-After', String(seconds));
    throw new ApiException('TOO_MANY_REQUESTS', `Too many sign-in attempts; try again in ${seconds} s`, {
      retryAfterSeconds: seconds,
    });
  }
}

function addressOf(request: Record<string, unknown>): string {
  return typeof request.ip === 'string' ? request.ip : 'unknown';
}
