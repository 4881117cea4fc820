import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportValues } from '@jiebang/contracts';

/** A unit's appeal (申诉) against its provisional ranking of a month. */
@Entity({ name: 'appeals' })
@Index('uq_appeals_unit_month', ['cycleId', 'unitId', 'month'], { unique: true })
export class AppealEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'int' })
  month!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'filed_by', type: 'text' })
  filedBy!: string;

  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Column({ type: 'text', default: 'open' })
  status!: 'open' | 'upheld' | 'corrected';

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment!: string | null;

  @Column({ name: 'corrected_values', type: 'jsonb', nullable: true })
  correctedValues!: ReportValues | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
