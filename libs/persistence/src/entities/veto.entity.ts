import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A breach of a veto item (一票否决) recorded by an assessor: the unit is vetoed from this month on. */
@Entity({ name: 'vetoes' })
@Index('uq_vetoes_unit_month', ['cycleId', 'unitId', 'month'], { unique: true })
export class VetoEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'int' })
  month!: number;

  /** The first month the veto counts in: its month, or the first month not yet ranked when recorded later. */
  @Column({ name: 'effective_month', type: 'int' })
  effectiveMonth!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
