import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type Observable, TimeoutError, catchError, throwError, timeout } from 'rxjs';
import { ApiException } from './api-exception';
import { RETRY_AFTER_SECONDS } from './unavailable';

/**
 * Bounds every request: when Temporal or Postgres hangs rather than refuses, the client gets a
 * 503 with a retry hint after `timeoutMs` instead of waiting. The step may still complete
 * after the answer (Temporal keeps it), hence the advice to read before repeating.
 */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  constructor(private readonly timeoutMs: number) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof TimeoutError
            ? new ApiException(
                'REQUEST_TIMEOUT',
                `No answer within ${this.timeoutMs / 1000} s (a part of the system is slow or down); read the current state, then try again in ${RETRY_AFTER_SECONDS} seconds`,
              )
            : error,
        ),
      ),
    );
  }
}
