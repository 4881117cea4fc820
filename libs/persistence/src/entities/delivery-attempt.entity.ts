import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One try of a delivery; a channel's rate limit counts the attempts started in its window. */
@Entity({ name: 'delivery_attempts' })
@Index('ix_delivery_attempts_channel', ['channelId', 'startedAt'])
@Index('ix_delivery_attempts_delivery', ['deliveryId'])
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
