import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A peer group of units (单位分类); units are ranked only within their category. */
@Entity({ name: 'categories' })
export class CategoryEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;
}
