import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

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
    /** Where evidence files are kept: `postgres` (the default) or `folder` (then EVIDENCE_DIR). */
    EVIDENCE_STORE: z.enum(['postgres', 'folder']).default('postgres'),
    EVIDENCE_DIR: z.string().min(1).optional(),
    ...oidcEnvironment,
  })
  .superRefine((config, context) => {
    if (config.EVIDENCE_STORE === 'folder' && !config.EVIDENCE_DIR)
      context.addIssue({ code: 'custom', path: ['EVIDENCE_DIR'], message: 'is required when EVIDENCE_STORE=folder' });
  });

export type AppConfig = z.infer<typeof environmentSchema>;

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
  return { secret: generatedSecret(file), generated: file };
}

/** Reads the key file, or creates it (owner-only) with 48 random bytes; two processes racing agree on one key. */
function generatedSecret(file: string): string {
  mkdirSync(resolve(file, '..'), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new ConfigError([`JWT_SECRET: the key in ${file} is shorter than 32 characters`]);
  return secret;
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
