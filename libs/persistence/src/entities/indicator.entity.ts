import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Direction, Measure } from '@jiebang/contracts';
import type { RaterGroup } from '@jiebang/domain';

/** One row of a unit's target list (榜单条目). */
@Entity({ name: 'indicators' })
@Index('ix_indicators_unit', ['cycleId', 'unitId'])
export class IndicatorEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  dimension!: string;

  @Column({ type: 'text' })
  direction!: Direction;

  @Column({ type: 'text' })
  measure!: Measure;

  @Column({ type: 'double precision' })
  weight!: number;

  @Column({ type: 'double precision' })
  satisfactory!: number;

  @Column({ type: 'double precision' })
  disallowed!: number;

  @Column({ type: 'jsonb', nullable: true })
  plan!: number[] | null;

  /** 零基考核 (`zero`) or 连续考核 (`continuous`), as imported. */
  @Column({ type: 'text', nullable: true })
  basis!: 'zero' | 'continuous' | null;

  /** Units cooperating (配合) with the lead unit: supervision items may be addressed to them. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  cooperating!: string[];

  /** Ratings by many: the groups that rate this manual rating and their weights; null when an assessor rates. */
  @Column({ type: 'jsonb', nullable: true })
  raters!: RaterGroup[] | null;

  /** The months the raters rate (null: the default, month 12). */
  @Column({ name: 'rated_months', type: 'jsonb', nullable: true })
  ratedMonths!: number[] | null;

  /** A value below this is deemed failed (视为不合格): the floor and red that month. */
  @Column({ name: 'fail_below', type: 'double precision', nullable: true })
  failBelow!: number | null;
}
