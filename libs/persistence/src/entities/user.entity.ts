import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Language, Role, UnitPost } from '@jiebang/contracts';

/** A person who signs in. `id` is the login name and the `userId` every audit row and record names. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** bcrypt hash (cost in the hash itself); the password is never stored. Null: no password sign-in (OpenID Connect only, or awaiting a reset). */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  /** The password is a temporary one (set by an administrator): it must be changed before the first sign-in. */
  @Column({ name: 'password_change_required', type: 'boolean', default: false })
  passwordChangeRequired!: boolean;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  /** The unit UNIT_HEAD / UNIT_REPORTER act for; required when the user holds one of them. */
  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId!: string | null;

  /** The unit's head (一把手) or deputy in charge (分管负责同志), when this person is one. */
  @Column({ name: 'unit_post', type: 'text', nullable: true })
  unitPost!: UnitPost | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** 11 digits, without +86. */
  @Column({ type: 'text', nullable: true })
  mobile!: string | null;

  @Column({ name: 'dingtalk_user_id', type: 'text', nullable: true })
  dingtalkUserId!: string | null;

  @Column({ name: 'wecom_user_id', type: 'text', nullable: true })
  wecomUserId!: string | null;

  @Column({ name: 'feishu_user_id', type: 'text', nullable: true })
  feishuUserId!: string | null;

  @Column({ type: 'text', default: 'zh-CN' })
  language!: Language;

  /** Personal channels (e-mail) bring one digest each working morning instead of one message per item. */
  @Column({ type: 'boolean', default: false })
  digest!: boolean;

  /** A disabled user cannot sign in, and their open sessions stop working at once. */
  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
