import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A notification in one person's message centre (消息中心): written once per (notification, user). */
@Entity({ name: 'messages' })
@Index('uq_messages_notification_user', ['notificationId', 'userId'], { unique: true })
@Index('ix_messages_user', ['userId', 'createdAt'])
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  /** For people who chose the digest: when the message went out in one. */
  @Column({ name: 'digested_at', type: 'timestamptz', nullable: true })
  digestedAt!: Date | null;
}
