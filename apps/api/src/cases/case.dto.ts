import type { CaseConcernedAccounts } from '@jiebang/contracts';
import type { CaseEntity, CaseEventEntity, UserEntity } from '@jiebang/persistence';
import type {
  CaseDecisionView,
  CaseStepView,
  CaseView,
  CaseEventView,
  CaseDetailView,
} from '@jiebang/contracts/http/cases';

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

export type { CaseDecisionView, CaseStepView, CaseView, CaseEventView, CaseDetailView };
