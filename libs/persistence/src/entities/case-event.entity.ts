import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseEventKind, CaseStatus, Role } from '@jiebang/contracts';

/** The audit trail of a case: who did what, when, and where it left the case. Written once per `seq`. */
@Entity({ name: 'case_events' })
@Index('uq_case_events_seq', ['caseId', 'seq'], { unique: true })
export class CaseEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  /** The workflow's event counter: a retried write of the same event adds nothing. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'text' })
  kind!: CaseEventKind;

  /** Null for what the workflow did on its own (opening, reminders, escalation). */
  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  /** The role an approval counted for. */
  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: Role | null;

  @Column({ type: 'text', nullable: true })
  step!: string | null;

  /** A rejection's reason or a step's note. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'status_after', type: 'text' })
  statusAfter!: CaseStatus;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
