import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type {
  SupervisionEscalationLevel,
  SupervisionResponse,
  SupervisionStatus,
  SupervisionVerification,
} from '@jiebang/contracts';

/** A supervision item (督办事项) against a unit, as last written by its workflow. */
@Entity({ name: 'supervision_items' })
@Index('uq_supervision_items_title', ['cycleId', 'unitId', 'title'], { unique: true })
@Index('ix_supervision_items_cycle_status', ['cycleId', 'status'])
export class SupervisionItemEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'text' })
  title!: string;

  /** The indicator the item is about, when it names one: the unit is its lead or a cooperating unit. */
  @Column({ name: 'indicator_id', type: 'text', nullable: true })
  indicatorId!: string | null;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  status!: SupervisionStatus;

  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ name: 'accountability_at', type: 'timestamptz' })
  accountabilityAt!: Date;

  @Column({ type: 'boolean' })
  overdue!: boolean;

  @Column({ name: 'escalation_level', type: 'int' })
  escalationLevel!: SupervisionEscalationLevel;

  @Column({ type: 'jsonb' })
  responses!: SupervisionResponse[];

  @Column({ type: 'jsonb' })
  verifications!: SupervisionVerification[];

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The workflow's event counter when this row was written (0: as opened by the API). */
  @Column({ type: 'int' })
  revision!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
