import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_EVENT_KINDS,
  CASE_STATUSES,
  type CaseConcernedAccounts,
  type CaseConcerns,
  type CaseEventKind,
  type CaseExplanation,
  type CaseSnapshot,
  type CaseStatus,
  type Role,
} from '@jiebang/contracts';
import type { CaseEntity, CaseEventEntity, UserEntity } from '@jiebang/persistence';

const CONCERNED_ACCOUNT_SCHEMA = {
  type: 'object',
  nullable: true,
  properties: { id: { type: 'string' }, name: { type: 'string', description: 'The display name' } },
} as const;

export class CaseDecisionView {
  @ApiProperty() role!: Role;
  @ApiProperty() userId!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The account's display name; null when the account is gone",
  })
  userName!: string | null;
  @ApiProperty() approve!: boolean;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CaseStepView {
  @ApiProperty() step!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The account's display name; null when the account is gone",
  })
  userName!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** A case as stored: its trigger, where it stands, who decided and what was recorded. */
export class CaseView {
  @ApiProperty({
    description: 'cycle/unit/rung/m<month>; URL-encode it in paths',
    example: '2026-demo/u01/interview/m3',
  })
  caseId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() cycleId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({ description: 'The ladder rung, e.g. interview (CASE_STEPS lists the known ones)' }) rung!: string;
  @ApiProperty() month!: number;
  @ApiProperty() ruleId!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty({
    description:
      'The people the case concerns, as the import named them: the head, and for quarterly discipline the deputy in charge (null when not given)',
    type: 'object',
    properties: { head: { type: 'string', nullable: true }, deputy: { type: 'string', nullable: true } },
  })
  concerns!: CaseConcerns;
  @ApiProperty({
    description:
      'The enabled accounts linked to the posts the case concerns (unitPost head/deputy of its unit), looked up when read: null when none is linked; deputy only for quarterly discipline',
    type: 'object',
    properties: {
      head: { ...CONCERNED_ACCOUNT_SCHEMA },
      deputy: { ...CONCERNED_ACCOUNT_SCHEMA },
    },
  })
  concernedAccounts!: CaseConcernedAccounts;
  @ApiProperty({
    description:
      'Why the case fired: English text, the rule, the months, ranks, scores and indicators behind it, and its facts (trigger, standings, prerequisite, annual task) for any language',
    type: 'object',
    additionalProperties: true,
  })
  explanation!: CaseExplanation;
  @ApiProperty({ type: [String] }) approvers!: Role[];
  @ApiProperty({ type: [CaseDecisionView] }) decisions!: CaseDecisionView[];
  @ApiProperty({ type: [CaseStepView] }) steps!: CaseStepView[];
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvalDueAt!: string | null;
  @ApiProperty() reminded!: boolean;
  @ApiProperty() escalated!: boolean;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: "When the outcome is due: the rule's dueWithin after approval",
  })
  outcomeDueAt!: string | null;
  @ApiProperty({ description: 'The outcome was not carried out in time: its people and LEADERSHIP were told' })
  overdue!: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
}

export class CaseEventView {
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: CASE_EVENT_KINDS }) kind!: CaseEventKind;
  @ApiProperty({ nullable: true, type: String, description: 'Null for what the workflow did on its own' }) actorId!:
    | string
    | null;
  @ApiProperty({ nullable: true, type: String, description: 'The role an approval counted for' })
  actorRole!: Role | null;
  @ApiProperty({ nullable: true, type: String }) step!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ enum: CASE_STATUSES }) statusAfter!: CaseStatus;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class CaseDetailView extends CaseView {
  @ApiProperty({ type: [CaseEventView] }) events!: CaseEventView[];
  @ApiPropertyOptional({
    description: 'Live state from the case workflow (a Query); null once a closed case has left Temporal',
    type: 'object',
    additionalProperties: true,
    nullable: true,
  })
  live!: CaseSnapshot | null;
}

/** Who a case's decisions and steps came from, and who holds the posts it concerns, as looked up when read. */
export interface CasePeople {
  postHolders: UserEntity[];
  /** Display names by account id. */
  names: Map<string, string>;
}

/** The account ids a case's decisions and steps name. */
export function actorsOf(record: CaseEntity): string[] {
  return [...record.decisions, ...record.steps].map((entry) => entry.userId);
}

/** The case as stored, with the names of the people it mentions and the accounts now linked to the posts it concerns. */
export function toCaseView(record: CaseEntity, { postHolders, names }: CasePeople): CaseView {
  const named = <T extends { userId: string }>(entry: T) => ({ ...entry, userName: names.get(entry.userId) ?? null });
  return {
    caseId: record.id,
    workflowId: record.workflowId,
    cycleId: record.cycleId,
    unitId: record.unitId,
    rung: record.rung,
    month: record.month,
    ruleId: record.ruleId,
    concerns: { head: record.concerns?.head ?? null, deputy: record.concerns?.deputy ?? null },
    concernedAccounts: concernedAccountsOf(record, postHolders),
    status: record.status,
    explanation: record.explanation,
    approvers: record.approvers,
    decisions: record.decisions.map(named),
    steps: record.steps.map(named),
    openedAt: record.openedAt.toISOString(),
    approvalDueAt: record.approvalDueAt?.toISOString() ?? null,
    reminded: record.reminded,
    escalated: record.escalated,
    outcomeDueAt: record.outcomeDueAt?.toISOString() ?? null,
    overdue: record.overdue,
    closedAt: record.closedAt?.toISOString() ?? null,
  };
}

export function toCaseEventView(event: CaseEventEntity): CaseEventView {
  const { seq, kind, actorId, actorRole, step, note, statusAfter, at } = event;
  return { seq, kind, actorId, actorRole, step, note, statusAfter, at: at.toISOString() };
}

/** The deputy's account only when the case concerns the deputy (quarterly discipline names one). */
function concernedAccountsOf(record: CaseEntity, holders: UserEntity[]): CaseConcernedAccounts {
  const holderOf = (post: 'head' | 'deputy') => {
    const holder = holders.find((user) => user.unitId === record.unitId && user.unitPost === post);
    return holder ? { id: holder.id, name: holder.displayName } : null;
  };
  return { head: holderOf('head'), deputy: record.rung === 'quarterly_discipline' ? holderOf('deputy') : null };
}
