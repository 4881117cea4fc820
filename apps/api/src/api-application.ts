import { type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json, raw, type NextFunction, type Request, type Response } from 'express';
import { EVIDENCE_MAX_BYTES } from '@jiebang/contracts';
import { ADDRESS_BOOK_TYPES } from './accounts/address-book-file';
import helmet from 'helmet';
import type { AppConfig } from '@jiebang/config';
import { ROLES } from '@jiebang/domain';
import { AppModule } from './app.module';
import { OPENAPI_PUBLIC_EXTENSION, OPENAPI_ROLES_EXTENSION } from './common/actor';
import { ApiException } from './common/api-exception';
import { idValue, monthNumber } from '@jiebang/contracts/http/fields';
import { contractComponents, openApiSchemaOf } from './common/openapi-schemas';
import { assignRequestId } from './common/request-context';
import { useJsonLogs } from './common/json-logs';
import { startTracing, traceRequests } from '@jiebang/temporal';
import { ApiMetrics, routeTemplateOf } from './metrics/api-metrics';
import { serveConsole } from './console/console-static';
import { tooLarge } from './evidence/evidence.service';
import { tooLarge as workbookTooLarge } from './workbooks/target-workbooks.service';
import { WORKBOOK_MAX_BYTES } from './workbooks/xlsx-package';

/** Larger bodies are refused with 413: a district's scenario (POST /cycles) is well below this. */
const BODY_LIMIT = '5mb';
/** Every other body is a human step or a sign-in: small. */
const SMALL_BODY_LIMIT = '100kb';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the HTTP API (not yet listening), with its OpenAPI document at /docs. */
export async function createApiApplication(config: AppConfig): Promise<INestApplication> {
  // Before the Temporal client exists: its interceptor finds the tracer provider registered here.
  const tracing = startTracing(config.OTEL_EXPORTER_OTLP_ENDPOINT, config.OTEL_SERVICE_NAME ?? 'jiebang-api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.LOG_LEVEL) + 1),
    bufferLogs: config.LOG_FORMAT === 'json',
  });
  useJsonLogs(app, config);
  if (config.TRUST_PROXY) app.set('trust proxy', config.TRUST_PROXY);
  if (tracing) app.use(traceRequests(tracing.tracer(), (request) => routeTemplateOf(request as Request)));
  app.use(assignRequestId);
  app.use(app.get(ApiMetrics).timeRequests());
  // Helmet's defaults, except that plain-HTTP deployments (an intranet, a developer's machine) keep their /docs assets.
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null } },
    }),
  );
  app.use(cookieParser());
  app.use(jsonBodies());
  app.use(serveConsole());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () =>
    withContractSchemas(
      withPathParameterBounds(withAccessStated(SwaggerModule.createDocument(app, openApiDescription()))),
    ),
  );
  return app;
}

/** An evidence upload: the file's bytes are the body (POST .../reports/{month}/evidence). */
const EVIDENCE_UPLOAD = /^\/cycles\/[^/]+\/units\/[^/]+\/reports\/[^/]+\/evidence\/?$/;

/** A target workbook upload: POST /workbooks/target and its preview. */
const TARGET_WORKBOOK_UPLOAD =
  /^\/workbooks\/target(?:\/preview)?\/?$|^\/cycles\/[^/]+\/(?:units\/[^/]+\/reports|ratings|rating-rounds)\/[^/]+\/workbook\/?$/;

/**
 * JSON bodies: the scenario import may be large, everything else is kept small; an evidence
 * upload is read as bytes of any type (the service checks the type). The parser's failures
 * become ApiExceptions here: past this point Nest would turn malformed JSON into a generic 400
 * and lose what went wrong.
 */
function jsonBodies() {
  const large = json({ limit: BODY_LIMIT });
  const small = json({ limit: SMALL_BODY_LIMIT });
  const evidence = raw({ type: () => true, limit: EVIDENCE_MAX_BYTES });
  const addressBook = raw({ type: [...ADDRESS_BOOK_TYPES], limit: BODY_LIMIT });
  const workbook = raw({ type: () => true, limit: WORKBOOK_MAX_BYTES });
  return (request: Request, response: Response, next: NextFunction) => {
    const post = request.method === 'POST';
    const done = (error?: unknown) => next(error === undefined ? undefined : bodyParserFailure(error));
    // The address book is a file (CSV or .xlsx), read as it is; its route checks the type.
    if (post && request.path === '/accounts/import') return addressBook(request, response, done);
    // A target workbook (.xlsx) is read as bytes of any type: the workbook service judges the bytes.
    // Sent as a multipart form instead, its route reads the form (multer, with the same limit).
    if (post && TARGET_WORKBOOK_UPLOAD.test(request.path) && request.is('multipart/form-data')) return next();
    if (post && TARGET_WORKBOOK_UPLOAD.test(request.path))
      return workbook(request, response, (error?: unknown) =>
        next(error === undefined ? undefined : isTooLarge(error) ? workbookTooLarge() : bodyParserFailure(error)),
      );
    // An evidence file is read as bytes of its own type; the evidence service checks the type.
    if (post && EVIDENCE_UPLOAD.test(request.path))
      return evidence(request, response, (error?: unknown) =>
        next(error === undefined ? undefined : isTooLarge(error) ? tooLarge() : bodyParserFailure(error)),
      );
    if (hasBody(request) && !request.is(['application/json', 'application/*+json']))
      return next(
        new ApiException(
          'UNSUPPORTED_MEDIA_TYPE',
          `Send the body as JSON with "Content-Type: application/json", not ${request.headers['content-type'] ?? 'no content type'}`,
        ),
      );
    const parse = post && request.path === '/cycles' ? large : small;
    parse(request, response, done);
  };
}

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

function isTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.too.large';
}

function bodyParserFailure(error: unknown): unknown {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (type === 'entity.too.large')
    return new ApiException('PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts');
  if (type === 'entity.parse.failed')
    return new ApiException('MALFORMED_JSON', `The request body is not valid JSON: ${message}`);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new ApiException('VALIDATION_FAILED', message);
  return error;
}

function openApiDescription() {
  return new DocumentBuilder()
    .setTitle('Jiebang API')
    .setDescription(
      'Target-responsibility assessment cycles: import a district, pledge, report, review, rank, escalate.\n\n' +
        'Sign in at POST /auth/login and send the access token as `Authorization: Bearer <token>`. ' +
        'Each operation states the roles allowed (`x-roles`); UNIT_HEAD and UNIT_REPORTER act for their own unit only.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
}

const WHOLE_NUMBER_IN_PATH = '^[1-9][0-9]{0,6}$';

/** States in each path parameter what the global pipe holds it to (an id), unless its route says more. */
function withPathParameterBounds(document: OpenAPIObject): OpenAPIObject {
  const idSchema = openApiSchemaOf(idValue);
  const monthSchema = openApiSchemaOf(monthNumber);
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      for (const parameter of (item[method]?.parameters ?? []) as unknown as Array<Record<string, unknown>>) {
        if (parameter.in !== 'path') continue;
        const schema = (parameter.schema ?? {}) as Record<string, unknown>;
        if (schema.maxLength !== undefined || schema.pattern !== undefined) continue;
        if (parameter.name === 'month') parameter.schema = { type: 'string', pattern: monthSchema.pattern };
        // A whole number in the path (a bulletin's version) arrives as decimal digits.
        else if (schema.type === 'number' || schema.type === 'integer')
          parameter.schema = { type: 'string', pattern: WHOLE_NUMBER_IN_PATH, maxLength: 7 };
        else if (schema.type === 'string')
          parameter.schema = { ...schema, maxLength: idSchema.maxLength, pattern: idSchema.pattern };
      }
    }
  }
  return document;
}

/** Adds the schemas the answers refer to, generated from libs/contracts' zod schemas. */
function withContractSchemas(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...contractComponents() },
  };
  return document;
}

/** Writes each operation's access (from @Roles / @SignedIn / @Public) into its description too, where people read it. */
function withAccessStated(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method] as (Record<string, unknown> & { description?: string }) | undefined;
      if (!operation) continue;
      const roles = operation[OPENAPI_ROLES_EXTENSION] as string[] | undefined;
      const access = operation[OPENAPI_PUBLIC_EXTENSION]
        ? 'public: no sign-in needed'
        : roles && roles.length === ROLES.length
          ? 'any signed-in user, RATER included'
          : roles && roles.length === ROLES.length - 1 && !roles.includes('RATER')
            ? 'any signed-in user but a RATER (who can only rate)'
            : roles
              ? `roles ${roles.join(', ')}`
              : 'closed: declares no roles';
      operation.description = [operation.description, `**Access:** ${access}.`].filter(Boolean).join('\n\n');
    }
  }
  return document;
}
