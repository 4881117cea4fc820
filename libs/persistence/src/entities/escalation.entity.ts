import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@jiebang/contracts';

/** A missed deadline handed up to an organisation-level role. Opened exactly once per `key`. */
@Entity({ name: 'escalations' })
@Index('uq_escalations_key', ['key'], { unique: true })
@Index('ix_escalations_unit', ['cycleId', 'unitId'])
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ name: 'addressed_to', type: 'text' })
  addressedTo!: Role;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', default: 'open' })
  status!: 'open' | 'closed';

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  /** Who of the addressed role acknowledged it, when, and what was done: until then it is on their tasks. */
  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledgement_note', type: 'text', nullable: true })
  acknowledgementNote!: string | null;
}
