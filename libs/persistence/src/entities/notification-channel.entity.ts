import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelKind, RateLimit, Role, SmtpSettings } from '@jiebang/contracts';

/** A delivery channel configured by administrators; its secret is stored encrypted (AES-256-GCM). */
@Entity({ name: 'notification_channels' })
@Index('uq_notification_channels_name', ['name'], { unique: true })
export class NotificationChannelEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: ChannelKind;

  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId!: string | null;

  @Column({ type: 'text', nullable: true })
  role!: Role | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  smtp!: SmtpSettings | null;

  /** `v1:<iv>:<tag>:<ciphertext>` in base64; never leaves the delivery code in clear. */
  @Column({ name: 'secret_cipher', type: 'text', nullable: true })
  secretCipher!: string | null;

  @Column({ name: 'rate_limits', type: 'jsonb', default: () => "'[]'" })
  rateLimits!: RateLimit[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
