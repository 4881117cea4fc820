import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseOutboundAllow } from './outbound-allow';

const port = z.coerce.number().int().min(1).max(65535);
const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const OIDC_TOGETHER = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

/** Sign-in by the district's identity provider (OpenID Connect); all four of OIDC_TOGETHER, or none. */
const oidcEnvironment = {
  OIDC_ISSUER: z.string().url('must be the issuer URL, e.g. https://id.example.gov.cn/realms/district').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The callback registered at the provider: https://<this API>/auth/oidc/callback. */
  OIDC_REDIRECT_URI: z.string().url('must be the URL of /auth/oidc/callback as the provider knows it').optional(),
  /** The ID token or userinfo claim whose value is the Jiebang account id. */
  OIDC_ACCOUNT_CLAIM: z.string().min(1).default('preferred_username'),
  OIDC_SCOPE: z.string().min(1).default('openid profile'),
  /** Where the browser goes after an OpenID Connect sign-in, the tokens in the fragment; unset: the callback answers JSON. */
  OIDC_SIGNED_IN_REDIRECT: z.string().url().optional(),
  /** `false` switches password sign-in off (only with OpenID Connect configured). */
  PASSWORD_SIGN_IN: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
};

/** Every environment variable Jiebang reads, validated once at start. */
const environmentSchema = z
  .object({
    DATABASE_URL: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? 'is required (npm start sets it; e.g. postgres://user:pass@localhost:5432/jiebang)'
            : undefined,
      })
      .url('must be a URL such as postgres://user:pass@localhost:5432/jiebang')
      .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must start with postgres:// or postgresql://'),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d+$/, 'must be host:port, e.g. localhost:7233')
      .default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('jiebang'),
    PORT: port.default(3000),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    /** `json`: one JSON object a line (pino), with the request id, for a log collector; `text` for a terminal. */
    LOG_FORMAT: z.enum(['text', 'json']).default('text'),
    DEMO_IMPORT: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    /** `production` makes JWT_SECRET mandatory and keeps demo users out. */
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** Where Jiebang keeps local state (`npm start`'s Temporal and Postgres data, the generated signing key). */
    JIEBANG_DATA_DIR: z.string().min(1).default('.data'),
    /** Signs access tokens (HS256). Required in production; elsewhere generated once into JIEBANG_DATA_DIR. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
    /** Encrypts channel secrets at rest. Required in production; elsewhere generated once into JIEBANG_DATA_DIR. */
    CHANNEL_SECRET_KEY: z
      .string()
      .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)')
      .optional(),
    /** Base of the links in e-mail and robot messages. */
    PUBLIC_URL: z
      .string()
      .url('must be a URL such as https://jiebang.example.gov.cn')
      .refine((url) => /^https?:\/\//.test(url), 'must start with http:// or https://')
      .optional(),
    /** Whether this process delivers the outbox (the worker does by default; the API never). */
    DELIVERY_ENABLED: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    DELIVERY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(200),
    DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(10).default(10_000),
    DELIVERY_RETRY_MAX_MS: z.coerce.number().int().min(10).default(3_600_000),
    /** Local time of the morning digest, in the newest cycle's time zone, on its working days. */
    DIGEST_AT: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm such as 08:30')
      .default('08:30'),
    /**
     * Address ranges outside the public internet that webhooks, robots and SMTP may reach, comma-separated
     * CIDR (e.g. `10.20.0.0/16,127.0.0.1/32,::1/128`). Unset: public addresses only.
     */
    OUTBOUND_ALLOW: z
      .string()
      .default('')
      .transform((text, context) => {
        try {
          return parseOutboundAllow(text);
        } catch (error) {
          context.addIssue({ code: 'custom', message: `${(error as Error).message} (comma-separated CIDR ranges)` });
          return z.NEVER;
        }
      }),
    /** Where evidence files are kept: `postgres` (the default) or `folder` (then EVIDENCE_DIR). */
    EVIDENCE_STORE: z.enum(['postgres', 'folder']).default('postgres'),
    EVIDENCE_DIR: z.string().min(1).optional(),
    ...oidcEnvironment,
    /**
     * Workflows each of the worker's two Workers (units, month closes) keeps in memory between
     * tasks. An evicted workflow is rebuilt by replaying its history at its next task: fewer
     * cached means less memory and more replays.
     */
    WORKER_MAX_CACHED_WORKFLOWS: count(0, 100_000).default(250),
    /**
     * The V8 heap (old generation, MB) of each of the worker's two workflow threads. Without it each
     * thread may grow to V8's default (a quarter of the machine's memory) before it collects the
     * workflows the cache evicted; a bound keeps the worker's memory in step with its cache. It
     * must hold a full cache with room to collect: a unit workflow keeps 0.3-0.5 MB alive (it kept
     * 1.5 MB and more before the workflow threads' prelude, workflow-threads.ts), so give it 2 MB
     * per cached workflow. Too small, the thread spends its time collecting, then runs out and
     * stops its Worker (the process then ends and is restarted); the worker warns at start-up.
     */
    WORKER_WORKFLOW_HEAP_MB: count(128, 16_384).default(1_024),
    /**
     * Whether the workflow threads keep a stack trace of every pending promise, for Temporal's
     * `__stack_trace` Query (the "stack trace" of its UI). Off by default: it costs each cached
     * workflow memory in proportion to what it waits for, and every promise some CPU.
     */
    WORKER_WORKFLOW_STACK_TRACES: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    /**
     * After a month's close, outcomes per second told to the units that need not act on them (their
     * report approved, no case fired); the others are told at once. Each costs the worker a replay
     * of that unit's workflow unless its cache holds it: the pace keeps the worker free for people.
     */
    OUTCOME_DELIVERIES_PER_SECOND: count(1, 100_000).default(25),
    /** Workflow tasks each Worker runs at once. */
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: count(2, 1_000).default(20),
    /** Activities each Worker runs at once (each may hold a Postgres connection). */
    WORKER_MAX_CONCURRENT_ACTIVITIES: count(1, 1_000).default(20),
    /**
     * `host:port` where the worker serves `GET /metrics` (Prometheus): Updates by outcome, the month
     * close's stages, delivery attempts, and the Temporal SDK's runtime metrics; none unless set.
     */
    WORKER_METRICS_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d+$/, 'must be host:port, e.g. 127.0.0.1:9464')
      .optional(),
    /**
     * OpenTelemetry: the collector's OTLP/HTTP base URL (e.g. `http://otel-collector:4318`; spans go
     * to `/v1/traces` as JSON). The API and the worker trace each request through its Updates to
     * the activities; without it nothing is traced.
     */
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .string()
      .regex(/^https?:\/\/[^\s/]+/, 'must be the http(s) URL of an OTLP/HTTP collector, e.g. http://localhost:4318')
      .optional(),
    /** The `service.name` of this process's spans; `jiebang-api` or `jiebang-worker` unless set. */
    OTEL_SERVICE_NAME: z.string().min(1).max(100).optional(),
    /** The API answers 503 with a retry hint when a request takes longer than this (Temporal or Postgres down). */
    API_REQUEST_TIMEOUT_MS: count(1_000, 600_000).default(30_000),
    /**
     * Express's `trust proxy` (`loopback`, `uniquelocal`, a list of addresses or ranges): set it when
     * a proxy stands in front of the API, so that sign-in limits count the client's address, not the proxy's.
     */
    TRUST_PROXY: z.string().min(1).optional(),
  })
  .refine((config) => config.WORKER_MAX_CACHED_WORKFLOWS !== 1, {
    path: ['WORKER_MAX_CACHED_WORKFLOWS'],
    message: 'must be 0 (no cache) or at least 2',
  })
  .refine(
    (config) =>
      config.WORKER_MAX_CACHED_WORKFLOWS === 0 ||
      config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS <= config.WORKER_MAX_CACHED_WORKFLOWS,
    {
      path: ['WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'],
      message: 'must not exceed WORKER_MAX_CACHED_WORKFLOWS (a task runs on a cached workflow)',
    },
  )
  .refine((config) => config.EVIDENCE_STORE !== 'folder' || Boolean(config.EVIDENCE_DIR), {
    path: ['EVIDENCE_DIR'],
    message: 'is required when EVIDENCE_STORE=folder',
  });

export type AppConfig = z.infer<typeof environmentSchema>;

/** Heap (MB) to give each workflow thread per cached workflow: a unit workflow keeps 0.3-0.5 MB alive, and the thread needs room to collect. */
export const WORKFLOW_HEAP_MB_PER_CACHED = 2;

/**
 * Why the configured workflow-thread heap may not hold a full cache, or undefined when it does.
 * A warning rather than a refusal: the per-workflow figure is a measured average, and a worker
 * given less may run a district whose workflows are smaller; one given far less runs out, and its
 * process then ends (to be restarted) with this sentence already in its log.
 */
export function workflowHeapShortfall(config: AppConfig): string | undefined {
  const cache = config.WORKER_MAX_CACHED_WORKFLOWS;
  const heap = config.WORKER_WORKFLOW_HEAP_MB;
  const wanted = cache * WORKFLOW_HEAP_MB_PER_CACHED;
  if (heap >= wanted) return undefined;
  return (
    `WORKER_WORKFLOW_HEAP_MB=${heap} holds about ${Math.floor(heap / WORKFLOW_HEAP_MB_PER_CACHED)} cached workflows ` +
    `at ${WORKFLOW_HEAP_MB_PER_CACHED} MB each, but WORKER_MAX_CACHED_WORKFLOWS=${cache}: ` +
    `raise the heap to ${wanted} MB or lower the cache, or the workflow threads may run out of memory`
  );
}

/** The settings of sign-in by the district's OpenID Connect provider, when it is configured. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accountClaim: string;
  scope: string;
  signedInRedirect?: string;
}

/** The OpenID Connect settings, or undefined when OIDC_ISSUER is not set (then password sign-in only). */
export function oidcSettingsOf(config: AppConfig): OidcSettings | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET || !config.OIDC_REDIRECT_URI)
    return undefined;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUri: config.OIDC_REDIRECT_URI,
    accountClaim: config.OIDC_ACCOUNT_CLAIM,
    scope: config.OIDC_SCOPE,
    signedInRedirect: config.OIDC_SIGNED_IN_REDIRECT,
  };
}

/** Raised when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function oidcConsistent(config: z.infer<typeof environmentSchema>, context: z.RefinementCtx): void {
  const given = OIDC_TOGETHER.filter((name) => config[name] !== undefined);
  for (const name of OIDC_TOGETHER)
    if (given.length > 0 && config[name] === undefined)
      context.addIssue({ code: 'custom', path: [name], message: `is required with ${given.join(', ')}` });
  if (!config.PASSWORD_SIGN_IN && given.length === 0)
    context.addIssue({
      code: 'custom',
      path: ['PASSWORD_SIGN_IN'],
      message: 'can be false only with OpenID Connect configured (OIDC_ISSUER ...)',
    });
}

/** Reads and validates the configuration from an environment (defaults to `process.env`). */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.superRefine(oidcConsistent).safeParse(environment);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}

/** The file, in JIEBANG_DATA_DIR, that keeps the signing key generated when JWT_SECRET is not set. */
export const GENERATED_JWT_SECRET_FILE = 'jwt-secret';

/**
 * The key that signs access tokens, for the API (the worker needs none). In production
 * JWT_SECRET is required (a ConfigError naming it otherwise); elsewhere, without it, a random key
 * is generated once and kept in `<JIEBANG_DATA_DIR>/jwt-secret`, readable by its owner only, so
 * sessions survive restarts and nobody can mint tokens from what is public. `generated` tells the
 * caller where the key came from.
 */
export function jwtSecretOf(config: Pick<AppConfig, 'JWT_SECRET' | 'NODE_ENV' | 'JIEBANG_DATA_DIR'>): {
  secret: string;
  generated: string | null;
} {
  if (config.JWT_SECRET) return { secret: config.JWT_SECRET, generated: null };
  if (config.NODE_ENV === 'production') throw new ConfigError(['JWT_SECRET: is required when NODE_ENV=production']);
  const file = join(resolve(config.JIEBANG_DATA_DIR), GENERATED_JWT_SECRET_FILE);
  return { secret: generatedSecret(file, 'JWT_SECRET'), generated: file };
}

/** Reads the key file, or creates it (owner-only) with 48 random bytes; two processes racing agree on one key. */
function generatedSecret(file: string, variable: string): string {
  mkdirSync(resolve(file, '..'), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new ConfigError([`${variable}: the key in ${file} is shorter than 32 characters`]);
  return secret;
}

/** The file, in JIEBANG_DATA_DIR, that keeps the channel-secret key generated when CHANNEL_SECRET_KEY is not set. */
export const GENERATED_CHANNEL_KEY_FILE = 'channel-secret-key';

/**
 * The key that encrypts channel secrets at rest, kept outside the database. Required in production
 * (a ConfigError naming CHANNEL_SECRET_KEY otherwise); elsewhere generated once into
 * `<JIEBANG_DATA_DIR>/channel-secret-key` (owner-only), like the JWT key; `generated` says where.
 */
export function channelSecretKeyOf(config: Pick<AppConfig, 'CHANNEL_SECRET_KEY' | 'NODE_ENV' | 'JIEBANG_DATA_DIR'>): {
  key: string;
  generated: string | null;
} {
  if (config.CHANNEL_SECRET_KEY) return { key: config.CHANNEL_SECRET_KEY, generated: null };
  if (config.NODE_ENV === 'production')
    throw new ConfigError(['CHANNEL_SECRET_KEY: is required when NODE_ENV=production']);
  const file = join(resolve(config.JIEBANG_DATA_DIR), GENERATED_CHANNEL_KEY_FILE);
  return { key: generatedSecret(file, 'CHANNEL_SECRET_KEY'), generated: file };
}

/** The base of links in messages sent out: PUBLIC_URL, else the API on this machine. */
export function publicUrlOf(config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}

/** Loads the configuration or ends the process with the reason, for application entry points. */
export function loadConfigOrExit(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}
