import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../../../contracts/src';

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
