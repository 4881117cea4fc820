import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '@jiebang/config';
import type { JiebangRequest } from './request-context';

/** Nest's level names as pino spells them. */
const PINO_LEVELS: Record<AppConfig['LOG_LEVEL'], string> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Structured logs (LOG_FORMAT=json): every line one JSON object, each request's lines carrying
 * its `x-request-id` (the same id as its audit rows), credentials never written.
 */
export function jsonLogsModule(config: AppConfig): DynamicModule[] {
  if (config.LOG_FORMAT !== 'json') return [];
  return [
    LoggerModule.forRoot({
      pinoHttp: {
        level: PINO_LEVELS[config.LOG_LEVEL],
        genReqId: (request: IncomingMessage) => (request as JiebangRequest).requestId ?? 'none',
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        customProps: (request: IncomingMessage) => ({ actor: (request as JiebangRequest).actor?.userId }),
      },
    }),
  ];
}

/** Routes Nest's own log lines (start, errors) through pino too, when the logs are JSON. */
export function useJsonLogs(app: INestApplication, config: AppConfig): void {
  if (config.LOG_FORMAT === 'json') app.useLogger(app.get(Logger));
}
