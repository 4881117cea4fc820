import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MilestoneKind } from '@jiebang/domain';

/** One month's progress of a key project, as its owner unit reported it: once per month. */
@Entity({ name: 'key_project_progress' })
export class KeyProjectProgressEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ name: 'project_id', type: 'text' })
  projectId!: string;

  @PrimaryColumn({ type: 'int' })
  month!: number;

  /** The year's investment to date. */
  @Column({ type: 'double precision' })
  investment!: number;

  /** The milestones first reached this month. */
  @Column({ type: 'jsonb' })
  milestones!: MilestoneKind[];

  /** Why the investment to date is lower than last month's; required then. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** A note on the evidence (a document, a site photo) of the month's progress. */
  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy!: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;
}
