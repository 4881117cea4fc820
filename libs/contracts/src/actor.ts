import type { Role } from '@jiebang/domain';

export type { Role };

/**
 * The person behind a human step. Temporal does not record who sent an Update,
 * so every Update carries its actor into the workflow and the audit trail.
 */
export interface Actor {
  userId: string;
  roles: Role[];
  /** Set for UNIT_HEAD / UNIT_REPORTER: the unit those roles are scoped to. */
  unitId?: string;
  /** The HTTP request that carried the step (its `x-request-id`), so the audit row names it. */
  requestId?: string;
}
