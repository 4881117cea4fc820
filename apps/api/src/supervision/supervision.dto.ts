import type { SupervisionEventEntity, SupervisionItemEntity } from '@jiebang/persistence';
import type {
  SupervisionResponseView,
  SupervisionVerificationView,
  SupervisionItemView,
  SupervisionEventView,
  SupervisionItemDetailView,
  OpenSupervisionItemResult,
} from '@jiebang/contracts/http/supervision';

export function toSupervisionItemView(record: SupervisionItemEntity): SupervisionItemView {
  return {
    id: record.id,
    workflowId: record.workflowId,
    cycleId: record.cycleId,
    unitId: record.unitId,
    title: record.title,
    indicatorId: record.indicatorId ?? null,
    description: record.description,
    status: record.status,
    openedBy: record.openedBy,
    openedAt: record.openedAt.toISOString(),
    deadline: record.deadline.toISOString(),
    accountabilityAt: record.accountabilityAt.toISOString(),
    overdue: record.overdue,
    escalationLevel: record.escalationLevel,
    responses: record.responses,
    verifications: record.verifications,
    closedAt: record.closedAt?.toISOString() ?? null,
  };
}

/** An event with its person's name as the account now has it (`names`: display names by account id). */
export function toSupervisionEventView(
  event: SupervisionEventEntity,
  names: Map<string, string>,
): SupervisionEventView {
  const { seq, kind, actorId, note, statusAfter, at } = event;
  const actorName = actorId === null ? null : (names.get(actorId) ?? null);
  return { seq, kind, actorId, actorName, note, statusAfter, at: at.toISOString() };
}

export type {
  SupervisionResponseView,
  SupervisionVerificationView,
  SupervisionItemView,
  SupervisionEventView,
  SupervisionItemDetailView,
  OpenSupervisionItemResult,
};
