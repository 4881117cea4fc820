import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A working day whose morning digest was written: written once per day, whichever process gets there first. */
@Entity({ name: 'digest_runs' })
export class DigestRunEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @CreateDateColumn({ name: 'ran_at', type: 'timestamptz' })
  ranAt!: Date;
}
