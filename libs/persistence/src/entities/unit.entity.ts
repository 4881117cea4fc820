import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An assessed unit (单位) of a cycle, with the id of its annual workflow. */
@Entity({ name: 'units' })
@Index('ix_units_category', ['cycleId', 'categoryId'])
export class UnitEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'category_id', type: 'text' })
  categoryId!: string;

  /** The head (一把手) as the scenario names them: the person its cases concern. */
  @Column({ type: 'text', nullable: true })
  head!: string | null;

  /** The deputy in charge (分管负责同志), adjusted by a quarterly discipline case. */
  @Column({ type: 'text', nullable: true })
  deputy!: string | null;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;
}
