import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SupervisionEventKind, SupervisionStatus } from '@jiebang/contracts';

/** The audit trail of a supervision item. Written once per `seq`. */
@Entity({ name: 'supervision_events' })
@Index('uq_supervision_events_seq', ['itemId', 'seq'], { unique: true })
export class SupervisionEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'item_id', type: 'text' })
  itemId!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'text' })
  kind!: SupervisionEventKind;

  /** Null for what the workflow did on its own (reminders, escalations). */
  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  /** The response, or the verifier's comment. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'status_after', type: 'text' })
  statusAfter!: SupervisionStatus;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
