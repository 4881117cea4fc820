import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A key project's weekly note (每周调度) from its owner unit: once per project and week. */
@Entity({ name: 'key_project_weekly_notes' })
export class KeyProjectWeeklyNoteEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ name: 'project_id', type: 'text' })
  projectId!: string;

  @PrimaryColumn({ type: 'int' })
  week!: number;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  /** The investment made this week. */
  @Column({ type: 'double precision' })
  investment!: number;

  @Column({ name: 'milestone_news', type: 'text', nullable: true })
  milestoneNews!: string | null;

  /** Problems that need a leader's help. */
  @Column({ type: 'text', nullable: true })
  problems!: string | null;

  @Column({ name: 'sent_by', type: 'text' })
  sentBy!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  /** The supervision item an assessor made of the problems; set once. */
  @Column({ name: 'supervision_item_id', type: 'text', nullable: true })
  supervisionItemId!: string | null;
}
