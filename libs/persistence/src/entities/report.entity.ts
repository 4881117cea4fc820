import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ExtensionState, ReportStatus, ReportTexts, ReportValues } from '@jiebang/contracts';

/** A unit's monthly report as last written by its workflow (the read model). */
@Entity({ name: 'reports' })
export class ReportEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @PrimaryColumn({ type: 'int' })
  month!: number;

  @Column({ type: 'text' })
  status!: ReportStatus;

  @Column({ type: 'jsonb', nullable: true })
  values!: ReportValues | null;

  /** 完成情况, 存在问题, 下一步打算. */
  @Column({ type: 'jsonb', nullable: true })
  texts!: ReportTexts | null;

  /** Manual ratings entered by assessors. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  ratings!: ReportValues;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  /**
   * Until when the unit may change the report: its due date, or the resubmission deadline once
   * returned. Written by the unit's workflow; null on rows written before it was kept (then `dueAt`).
   */
  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  late!: boolean;

  @Column({ name: 'submitted_by', type: 'text', nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'confirmed_by', type: 'text', nullable: true })
  confirmedBy!: string | null;

  /** When the report reached the assessors (the head's confirmation, or the submission without one). */
  @Column({ name: 'reached_at', type: 'timestamptz', nullable: true })
  reachedAt!: Date | null;

  @Column({ name: 'head_comment', type: 'text', nullable: true })
  headComment!: string | null;

  @Column({ name: 'reviewed_by', type: 'text', nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment!: string | null;

  /** The unit's request to move the deadline and its decision, as the workflow last wrote them. */
  @Column({ type: 'jsonb', nullable: true })
  extension!: ExtensionState | null;

  /** The workflow's step counter when this row was written; an older write never overwrites a newer one. */
  @Column({ type: 'int' })
  revision!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
