import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Observable, TimeoutError, catchError, throwError, timeout } from 'rxjs';
import { ApiException } from './api-exception';
import { RETRY_AFTER_SECONDS } from './unavailable';

const TIMEOUT_KEY = 'jiebang:requestTimeoutMs';

/** A longer bound for a route whose work grows with its input (the import of a district starts a workflow per unit). */
export const RequestTimeout = (ms: number) => SetMetadata(TIMEOUT_KEY, ms);

/**
 * Bounds every request: when Temporal or Postgres hangs rather than refuses, the client gets a
 * 503 with a retry hint after `timeoutMs` instead of waiting. The step may still complete
 * after the answer (Temporal keeps it), hence the advice to read before repeating.
 */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  constructor(
    private readonly defaultTimeoutMs: number,
    private readonly reflector = new Reflector(),
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const timeoutMs =
      this.reflector.get<number | undefined>(TIMEOUT_KEY, context.getHandler()) ?? this.defaultTimeoutMs;
    return next.handle().pipe(
      timeout(timeoutMs),
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof TimeoutError
            ? new ApiException(
                'REQUEST_TIMEOUT',
                `No answer within ${timeoutMs / 1000} s (a part of the system is slow or down); read the current state, then try again in ${RETRY_AFTER_SECONDS} seconds`,
              )
            : error,
        ),
      ),
    );
  }
}
