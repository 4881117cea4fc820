import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
  Optional,
} from '@nestjs/common';
import type { Response } from 'express';
import { AnonymousRefusals } from '../audit/anonymous-refusals';
import { RefusalAudit } from '../audit/refusal-audit.service';
import { ApiMetrics } from '../metrics/api-metrics';
import { ApiException } from './api-exception';
import type { ErrorBody } from '@jiebang/contracts/http/errors';
import { isAuditedRefusal, refusalEntry } from './refusal-entry';
import type { JiebangRequest } from './request-context';
import { RETRY_AFTER_SECONDS, unavailableFailure } from './unavailable';

/**
 * Turns every failure into the one error body; unexpected ones are logged, never shown, and
 * refusals (401, 403, 409, 429) are audited in batches, those of callers not signed in only
 * counted (AnonymousRefusals).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    @Optional() @Inject(RefusalAudit) private readonly refusals?: RefusalAudit,
    @Optional() @Inject(ApiMetrics) private readonly metrics?: ApiMetrics,
    @Optional() @Inject(AnonymousRefusals) private readonly anonymous?: AnonymousRefusals,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.warn(`${body.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const request = host.switchToHttp().getRequest<JiebangRequest>();
    const signedIn = request.actor !== undefined;
    this.metrics?.countRefusal(body.code, signedIn);
    if (this.refusals && isAuditedRefusal(body)) {
      if (this.anonymous && AnonymousRefusals.countsInsteadOfAuditing(body.code, signedIn))
        this.anonymous.count(body.code, `${request.method} ${request.path}`.slice(0, 120));
      else this.refusals.record(refusalEntry(request, body));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(thrown: unknown): ErrorBody {
    const exception = thrown instanceof ApiException ? thrown : (unavailableFailure(thrown) ?? thrown);
    if (exception instanceof ApiException) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
        ...(exception.params ? { params: exception.params } : {}),
      };
    }
    const bodyParserError =
      fromBodyParserError(exception) ??
      (exception instanceof HttpException ? fromBodyParserError(exception.cause) : undefined);
    if (bodyParserError) return bodyParserError;
    if (exception instanceof HttpException) return fromHttpException(exception);
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL',
      message: 'Internal error; the server log has the details',
    };
  }
}

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const raw =
    typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : { message: response };
  const messages = Array.isArray(raw.message) ? raw.message.map(String) : undefined;
  return {
    statusCode,
    code: codeForStatus(statusCode, String(raw.error ?? '')),
    message: messages ? messages.join('; ') : String(raw.message ?? exception.message),
    details: messages,
  };
}

function codeForStatus(statusCode: number, error: string): string {
  if (statusCode === HttpStatus.PAYLOAD_TOO_LARGE) return 'PAYLOAD_TOO_LARGE';
  if (statusCode === HttpStatus.BAD_REQUEST) return 'VALIDATION_FAILED';
  if (statusCode === HttpStatus.NOT_FOUND) return 'NOT_FOUND';
  return error ? error.toUpperCase().replace(/\W+/g, '_') : `HTTP_${statusCode}`;
}

/** Express's body parser fails before Nest sees the request: malformed JSON, a body too large. */
function fromBodyParserError(exception: unknown): ErrorBody | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { status, type } = exception as Error & { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || typeof type !== 'string') return undefined;
  if (type === 'entity.too.large')
    return {
      statusCode: status,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is larger than the server accepts',
    };
  if (type === 'entity.parse.failed')
    return {
      statusCode: status,
      code: 'MALFORMED_JSON',
      message: `The request body is not valid JSON: ${exception.message}`,
    };
  return { statusCode: status, code: 'BAD_REQUEST', message: exception.message };
}
