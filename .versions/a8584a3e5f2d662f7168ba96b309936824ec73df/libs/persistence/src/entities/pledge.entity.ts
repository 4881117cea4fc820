import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A unit head's signed pledge (军令状). */
@Entity({ name: 'pledges' })
export class PledgeEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ name: 'signed_by', type: 'text' })
  signedBy!: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  /** Signed after the pledge deadline. */
  @Column({ type: 'boolean' })
  late!: boolean;
}
