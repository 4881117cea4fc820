import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface IndicatorScoreRow {
  indicator: string;
  d: number;
  light: 'green' | 'yellow' | 'red';
  /** 视为不合格 (in the API's view only, never stored): the value was below the indicator's failBelow. */
  deemedFailed?: { value: number; failBelow: number };
}

/** A unit's score, rank and lights in one version of a month's ranking. */
@Entity({ name: 'month_scores' })
export class MonthScoreEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ type: 'int' })
  month!: number;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ name: 'category_id', type: 'text' })
  categoryId!: string;

  @Column({ type: 'double precision' })
  score!: number;

  @Column({ type: 'int' })
  rank!: number;

  @Column({ type: 'boolean' })
  lagging!: boolean;

  @Column({ type: 'boolean' })
  vetoed!: boolean;

  @Column({ type: 'boolean' })
  reported!: boolean;

  @Column({ type: 'jsonb' })
  indicators!: IndicatorScoreRow[];
}
