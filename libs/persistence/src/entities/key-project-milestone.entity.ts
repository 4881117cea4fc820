import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MilestoneKind } from '@jiebang/domain';

/** A planned milestone of a key project (倒排计划): one per kind, with its due date. */
@Entity({ name: 'key_project_milestones' })
export class KeyProjectMilestoneEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ name: 'project_id', type: 'text' })
  projectId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: MilestoneKind;

  /** `YYYY-MM-DD`, a calendar date of the cycle's time zone. */
  @Column({ type: 'date' })
  due!: string;
}
