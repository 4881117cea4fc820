import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind, Role } from '../../../contracts/src';

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
}
