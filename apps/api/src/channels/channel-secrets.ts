import { createHash } from 'node:crypto';

const MASK = '***';

/**
 * Query parameters that carry a credential, compared without case, `_` or `-`: robots' `key`,
 * `access_token`, `sign`; APIs' `apikey`, `api_key`, `Key`, `signature`, `secret`, `password` …
 * A name that contains one of these words is masked too (`app_secret`, `x-auth-token`).
 */
const SECRET_PARAM_WORDS = [
  'key',
  'token',
  'secret',
  'sign',
  'sig',
  'pass',
  'pwd',
  'auth',
  'credential',
  'ticket',
  'session',
  'code',
];

function isSecretParam(name: string): boolean {
  const bare = name.toLowerCase().replace(/[_\-.]/g, '');
  return SECRET_PARAM_WORDS.some((word) => bare.includes(word));
}

/**
 * A path segment that is a credential: whatever follows `/hook/` or `/hooks/` (Feishu and Lark
 * robots' hook ids, Slack's `/services/T…/B…/…` after hooks.slack.com), and any long segment that
 * mixes letters and digits (a token in a generic webhook path).
 */
function isTokenSegment(segment: string): boolean {
  return segment.length >= 16 && /[0-9]/.test(segment) && /[a-z]/i.test(segment);
}

/**
 * A channel URL with every secret part masked: the password (and user) of `user:password@`, every
 * query parameter that carries a credential, robot hook ids in the path (with or without a
 * trailing slash), long token-like path segments and the fragment. What is left says where
 * messages go, not how to send there.
 */
export function maskedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.username) parsed.username = MASK;
  if (parsed.password) parsed.password = MASK;
  for (const name of new Set(parsed.searchParams.keys())) if (isSecretParam(name)) parsed.searchParams.set(name, MASK);
  let afterHook = false;
  parsed.pathname = parsed.pathname
    .split('/')
    .map((segment) => {
      const masked = segment !== '' && (afterHook || isTokenSegment(decodeURIComponentSafe(segment)));
      if (/^hooks?$/i.test(segment)) afterHook = true;
      return masked ? MASK : segment;
    })
    .join('/');
  if (parsed.hash) parsed.hash = MASK;
  return parsed.toString().replaceAll(encodeURIComponent(MASK), MASK);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * What the audit trail keeps of a secret: the first 8 hex digits of its SHA-256, enough to see
 * that it changed (and to match a secret one holds), not to recover it. Null when there is none.
 */
export function secretFingerprint(secret: string | null | undefined): string | null {
  return secret ? createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8) : null;
}
