import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Language, Role } from '../../../contracts/src';

/** A person who signs in. `id` is the login name and the `userId` every audit row and record names. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** bcrypt hash (cost in the hash itself); the password is never stored. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  /** The unit UNIT_HEAD / UNIT_REPORTER act for; required when the user holds one of them. */
  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId!: string | null;

  /** A disabled user cannot sign in, and their open sessions stop working at once. */
  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Contact details (PersonContact): how channels reach the person besides the message centre. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  mobile!: string | null;

  @Column({ name: 'dingtalk_user_id', type: 'text', nullable: true })
  dingtalkUserId!: string | null;

  @Column({ name: 'wecom_user_id', type: 'text', nullable: true })
  wecomUserId!: string | null;

  @Column({ name: 'feishu_user_id', type: 'text', nullable: true })
  feishuUserId!: string | null;

  /** Null reads zh-CN. */
  @Column({ type: 'text', nullable: true })
  language!: Language | null;

  @Column({ type: 'boolean', default: false })
  digest!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
