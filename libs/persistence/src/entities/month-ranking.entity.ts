import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { RankingCause } from '@jiebang/contracts';
import type { RankingStatus } from '@jiebang/contracts/http/months';

export type { RankingStatus };

/** One frozen version of a month's ranking; a correction after an appeal adds a version. */
@Entity({ name: 'month_rankings' })
export class MonthRankingEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ type: 'int' })
  month!: number;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  status!: RankingStatus;

  /** Why this version exists: the month close, or the appeal that corrected it. */
  @Column({ type: 'text' })
  reason!: string;

  /** The same as structured data, for any language; null on versions frozen before it was recorded. */
  @Column({ type: 'jsonb', nullable: true })
  cause!: RankingCause | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_by', type: 'text', nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** The rules' running state after this month (streaks and the like), where the next month starts. */
  @Column({ type: 'jsonb' })
  state!: unknown;

  /** The cases this version of the month fires. */
  @Column({ type: 'jsonb' })
  cases!: unknown[];
}
