import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveryStatus } from '@jiebang/contracts';
import type { DigestContent } from '../repositories/delivery-rows';

/**
 * One send of a notification (or a morning digest) to one recipient over one channel. `key`
 * (`<notification>/<channel>/<recipient>`) makes fanning out idempotent: each is delivered once.
 */
@Entity({ name: 'deliveries' })
@Index('uq_deliveries_key', ['key'], { unique: true })
@Index('ix_deliveries_notification', ['notificationId'])
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @Column({ name: 'notification_id', type: 'uuid', nullable: true })
  notificationId!: string | null;

  /** The user of a personal channel (e-mail); null for a group robot or webhook. */
  @Column({ type: 'text', nullable: true })
  recipient!: string | null;

  /** The users a group robot @mentions. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  mentions!: string[];

  /** A digest's frozen content (the notifications it lists); null for a single notification. */
  @Column({ type: 'jsonb', nullable: true })
  digest!: DigestContent | null;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
