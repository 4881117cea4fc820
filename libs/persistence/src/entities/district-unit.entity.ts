import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The district's unit register (单位名录): a unit id means one unit in every cycle. A cycle's
 * units come from it; an import that gives a registered id another name is refused, so an
 * account bound to a unit id is bound to the same unit in every cycle that has it.
 */
@Entity({ name: 'district_units' })
export class DistrictUnitEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The category of the cycle that registered the unit; each cycle keeps its own categories. */
  @Column({ name: 'category_id', type: 'text' })
  categoryId!: string;

  /** The cycle whose import registered the unit. */
  @Column({ name: 'first_cycle_id', type: 'text' })
  firstCycleId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
