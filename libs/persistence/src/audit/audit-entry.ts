import type { Actor, Role } from '@jiebang/contracts';

/** One change of state to append to the trail; the writer adds the time, the number and the hashes. */
export interface AuditEntry {
  /** A user id, or `system:<what>` when no person acted. */
  actorId: string;
  actorRole?: string | null;
  action: string;
  subject: string;
  cycleId?: string | null;
  unitId?: string | null;
  reason?: string | null;
  requestId?: string | null;
  workflowId?: string | null;
  runId?: string | null;
  change?: Record<string, unknown> | null;
  /** Idempotency key: when a row with this key exists, appending does nothing. */
  eventKey?: string | null;
}

/**
 * Who acted, as the trail records it: the person (with the role they acted in, or every role
 * they hold) and the request that carried the step; `system` names the process when no person did.
 */
export function auditActorOf(
  actor: Actor | undefined,
  role: Role | undefined,
  system: string,
): Pick<AuditEntry, 'actorId' | 'actorRole' | 'requestId'> {
  if (!actor) return { actorId: `system:${system}`, actorRole: null, requestId: null };
  return {
    actorId: actor.userId,
    actorRole: role ?? (actor.roles.length > 0 ? actor.roles.join(',') : null),
    requestId: actor.requestId ?? null,
  };
}
