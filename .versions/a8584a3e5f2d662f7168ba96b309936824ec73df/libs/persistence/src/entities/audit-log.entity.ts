import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintAsNumber = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/**
 * The audit trail: one row per change of state, append-only (a trigger refuses UPDATE,
 * DELETE and TRUNCATE) and hash-chained: `hash` = SHA-256 of `prev_hash` and the row's
 * canonical content, so editing any row breaks every link after it.
 * Rows are written only through `appendAuditEntry`, which serialises appends.
 */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_unit', ['unitId', 'occurredAt'])
@Index('ix_audit_log_actor', ['actorId', 'occurredAt'])
@Index('ix_audit_log_action', ['action', 'occurredAt'])
@Index('ix_audit_log_occurred', ['occurredAt'])
@Index('uq_audit_log_event_key', ['eventKey'], { unique: true, where: 'event_key IS NOT NULL' })
export class AuditLogEntity {
  /** 1, 2, 3, ... without gaps: a missing number is a deleted row. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** A user id, or `system:<what>` when no person acted (a workflow's timer, the demo import). */
  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  /** The role the actor acted in (comma-separated when several applied); null for the system. */
  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'cycle_id', type: 'text', nullable: true })
  cycleId!: string | null;

  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId!: string | null;

  @Column({ name: 'run_id', type: 'text', nullable: true })
  runId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  change!: Record<string, unknown> | null;

  /** SHA-256 of the canonical JSON of `change`. */
  @Column({ name: 'change_digest', type: 'text' })
  changeDigest!: string;

  /** Idempotency key: a retried activity or request appends nothing the second time. */
  @Column({ name: 'event_key', type: 'text', nullable: true })
  eventKey!: string | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
