import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind, NotificationStep, Role } from '@jiebang/contracts';

/**
 * The notifications outbox: every reminder and escalation notice is one row.
 * `key` is the idempotency key; a retried activity inserts nothing the second time.
 */
@Entity({ name: 'notifications' })
@Index('uq_notifications_key', ['key'], { unique: true })
@Index('ix_notifications_unit', ['cycleId', 'unitId'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId!: string | null;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ name: 'recipient_role', type: 'text' })
  recipientRole!: Role;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** The step the notice asks for: its template and link. Null for notices written before steps were named. */
  @Column({ type: 'text', nullable: true })
  step!: NotificationStep | null;

  @Column({ type: 'integer', nullable: true })
  month!: number | null;

  /** The case or supervision item the notice is about. */
  @Column({ name: 'subject_id', type: 'text', nullable: true })
  subjectId!: string | null;

  /** When delivery fanned the notice out to message centres and channels; null while it waits for that. */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;

  /** The one account the notice is for (a leader's portfolio, a rating reminder to a panel member). Null: every holder of the role. */
  @Column({ name: 'recipient_user_id', type: 'text', nullable: true })
  recipientUserId!: string | null;
}
