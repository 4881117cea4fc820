import { unitPendingSteps, type PendingStep } from '@jiebang/contracts';
import type { UnitYear } from './unit-year';

/**
 * The human steps this unit's workflow waits for (GET /admin/tasks): the pledge, then each open
 * month's. The rule is `unitPendingSteps`, which the API also applies to the read model.
 */
export function pendingSteps(unit: UnitYear): PendingStep[] {
  return unitPendingSteps({
    unitId: unit.input.unitId,
    pledge: unit.pledge,
    months: unit.input.months,
    reportOf: (month) => unit.reportOf(month),
    isOpen: (month) => unit.opened.has(month) && !unit.outcomes.has(month),
    ratedIndicatorIds: unit.input.ratedIndicatorIds,
    deadlineOf: (report) => unit.deadlineOf(report),
    reviewWindowMs: unit.input.reviewWindowMs,
  });
}
