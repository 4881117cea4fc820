import { HttpStatus } from '@nestjs/common';
import type { AuditEntry } from '@jiebang/persistence';
import type { ErrorBody } from '@jiebang/contracts/http/errors';
import type { JiebangRequest } from './request-context';
import { CONTROL_CHARACTER, idValue } from '@jiebang/contracts/http/fields';

/** The answers that are refusals and so are audited: who was turned away, and why. */
const AUDITED_STATUSES: ReadonlySet<number> = new Set([
  HttpStatus.UNAUTHORIZED,
  HttpStatus.FORBIDDEN,
  HttpStatus.CONFLICT,
  HttpStatus.TOO_MANY_REQUESTS,
]);

export function isAuditedRefusal(body: ErrorBody): boolean {
  return AUDITED_STATUSES.has(body.statusCode);
}

/**
 * The audit row of a refused request: the user, or for anonymous callers the address; the
 * operation; the code and message. Sign-ins also name the user name tried. Every string is
 * made printable and bounded, since it comes from the caller.
 */
export function refusalEntry(request: JiebangRequest, body: ErrorBody): AuditEntry {
  const address = request.ip ?? 'unknown';
  const params = (request.params ?? {}) as Record<string, unknown>;
  const username = (request.body as { username?: unknown } | undefined)?.username;
  return {
    actorId: request.actor?.userId ?? `address:${address}`,
    actorRole: request.actor?.roles.join(',') || null,
    action: `refused.${body.code.toLowerCase()}`,
    subject: printable(`${request.method} ${request.path}`, 300),
    cycleId: idOrNull(params.cycleId),
    unitId: idOrNull(params.unitId),
    reason: printable(body.message, 500),
    requestId: request.requestId ?? null,
    change: {
      code: body.code,
      status: body.statusCode,
      address,
      at: new Date().toISOString(),
      ...(request.path === '/auth/login' && typeof username === 'string' ? { username: printable(username, 64) } : {}),
    },
  };
}

function idOrNull(value: unknown): string | null {
  return typeof value === 'string' && idValue.safeParse(value).success ? value : null;
}

function printable(text: string, max: number): string {
  return text.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), '\uFFFD').slice(0, max);
}
