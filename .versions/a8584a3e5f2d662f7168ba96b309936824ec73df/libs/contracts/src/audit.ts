import type { Actor, Role } from './actor';

/**
 * One change of state for the audit trail, as a workflow hands it to the `appendAudit`
 * activity. The activity adds the workflow id, run id, request id and time; the trail adds
 * the digest and the hash chain.
 */
export interface AuditEntryRequest {
  /** The person behind the change, from the Update or Signal; absent when the workflow itself acted (a deadline passed). */
  actor?: Actor;
  /** The role the person acted in (UNIT_HEAD signing a pledge); defaults to every role the actor holds. */
  role?: Role;
  /** What happened, dotted and in the past tense: `pledge.signed`, `report.returned`. */
  action: string;
  /** What it happened to, as a path: `cycles/2026-x/units/u01/pledge`. */
  subject: string;
  cycleId?: string;
  unitId?: string;
  /** Why: a reviewer's comment, an escalation's reason. */
  reason?: string;
  /** What changed, as plain JSON; the trail keeps it and its SHA-256 digest. */
  change?: AuditChange;
}

/** What changed, as plain JSON. */
export type AuditChange = { [key: string]: unknown };

/** The subject path of something of a whole cycle, such as a month's ranking: `cycles/<cycle>/<rest>`. */
export function cycleSubject(cycleId: string, ...rest: Array<string | number>): string {
  return ['cycles', cycleId, ...rest.map(String)].join('/');
}

/** The subject path of a unit's pledge, reports and the like: `cycles/<cycle>/units/<unit>/<rest>`. */
export function unitSubject(cycleId: string, unitId: string, ...rest: Array<string | number>): string {
  return cycleSubject(cycleId, 'units', unitId, ...rest);
}

/**
 * A workflow's write together with the audit row of its change: the activity commits both in one
 * transaction, so the trail never misses a change nor records one that did not happen.
 */
export type WithAudit<T> = T & { audit: AuditEntryRequest };
