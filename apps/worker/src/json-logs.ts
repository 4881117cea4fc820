import type { LoggerService } from '@nestjs/common';
import type { Logger as TemporalLogger, LogLevel as TemporalLogLevel, LogMetadata } from '@temporalio/common';
import pino, { type Logger as PinoLogger } from 'pino';
import type { AppConfig } from '@jiebang/config';

/** Nest's level names as pino spells them (as the API's json-logs.ts). */
const PINO_LEVELS: Record<AppConfig['LOG_LEVEL'], string> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

const TEMPORAL_LEVELS: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The worker's structured log (LOG_FORMAT=json): one JSON object a line on stdout, as the API
 * writes them. Nest's lines carry `context`; the Temporal SDK's (workflows, activities, the
 * worker itself) carry its attributes (`sdkComponent`, `workflowId`, `activityType`, …) and, for
 * work caused by an API request, `requestId`: the `x-request-id` that request answered with.
 */
export function workerJsonLog(config: AppConfig): PinoLogger | undefined {
  if (config.LOG_FORMAT !== 'json') return undefined;
  return pino({ level: PINO_LEVELS[config.LOG_LEVEL] });
}

/** Nest's logger interface over pino. */
export class JsonNestLogger implements LoggerService {
  constructor(private readonly json: PinoLogger) {}

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  /** Nest passes the context (the logger's name) last. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    if (message instanceof Error) this.json[level]({ context, err: message }, message.message);
    else this.json[level]({ context }, typeof message === 'string' ? message : JSON.stringify(message));
  }
}

/** The Temporal SDK's logger interface over pino (the Runtime's logger: workflow, activity and core lines). */
export class JsonTemporalLogger implements TemporalLogger {
  constructor(private readonly json: PinoLogger) {}

  log(level: TemporalLogLevel, message: string, meta?: LogMetadata): void {
    this.json[TEMPORAL_LEVELS[level]]({ context: 'Temporal', ...meta }, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
