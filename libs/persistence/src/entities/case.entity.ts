import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CaseConcerns, CaseDecision, CaseExplanation, CaseStatus, CaseStepRecord, Role } from '@jiebang/contracts';

/**
 * A consequence case (one fired rung of the ladder) as last written by its workflow: the read
 * model the API lists and the rules query ("was an interview of this quarter rejected?").
 */
@Entity({ name: 'cases' })
@Index('uq_cases_trigger', ['cycleId', 'unitId', 'rung', 'month'], { unique: true })
@Index('ix_cases_cycle_status', ['cycleId', 'status'])
export class CaseEntity {
  /** `caseIdOf(cycle, unit, rung, month)`; contains slashes, so paths carry it URL-encoded. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'text' })
  rung!: string;

  @Column({ type: 'int' })
  month!: number;

  @Column({ name: 'rule_id', type: 'text' })
  ruleId!: string;

  @Column({ type: 'text' })
  status!: CaseStatus;

  /** The head (and for quarterly discipline the deputy in charge) the case concerns. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  concerns!: CaseConcerns;

  @Column({ type: 'jsonb' })
  explanation!: CaseExplanation;

  @Column({ type: 'jsonb' })
  approvers!: Role[];

  @Column({ type: 'jsonb' })
  decisions!: CaseDecision[];

  @Column({ type: 'jsonb' })
  steps!: CaseStepRecord[];

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'approval_due_at', type: 'timestamptz', nullable: true })
  approvalDueAt!: Date | null;

  @Column({ type: 'boolean' })
  reminded!: boolean;

  @Column({ type: 'boolean' })
  escalated!: boolean;

  @Column({ name: 'outcome_due_at', type: 'timestamptz', nullable: true })
  outcomeDueAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The workflow's event counter when this row was written; an older write never overwrites a newer one. */
  @Column({ type: 'int' })
  revision!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
