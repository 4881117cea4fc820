import { EDITABLE_REPORT_STATUSES, type PendingStep, type Role } from '@jiebang/contracts';
import type { UnitYear } from './unit-year';

/** The human steps this unit's workflow waits for (GET /admin/tasks): the pledge, then each open month's. */
export function pendingSteps(unit: UnitYear): PendingStep[] {
  const unitId = unit.input.unitId;
  const steps: PendingStep[] = [];
  if (!unit.pledge.signed) steps.push({ step: 'pledge.sign', role: 'UNIT_HEAD', unitId, dueAt: unit.pledge.deadline });
  for (const timeline of unit.input.months) {
    const report = unit.reportOf(timeline.month);
    if (!unit.opened.has(report.month) || unit.outcomes.has(report.month)) continue;
    const step = (name: string, role: Role, dueAt: string): PendingStep => ({
      step: name,
      role,
      unitId,
      month: report.month,
      dueAt,
    });
    if (EDITABLE_REPORT_STATUSES.includes(report.status))
      steps.push(step('report.submit', 'UNIT_REPORTER', unit.deadlineOf(report)));
    if (report.status === 'awaiting_confirmation')
      steps.push(step('report.confirm', 'UNIT_HEAD', unit.deadlineOf(report)));
    if (report.extension?.status === 'requested') steps.push(step('extension.decide', 'ASSESSOR', report.dueAt));
    if (report.status === 'approved' || report.status === 'missed') continue;
    // Ratings may be entered while the unit still writes; approval waits for them.
    if (unit.input.ratedIndicatorIds.some((id) => !(id in report.ratings)))
      steps.push(step('report.rate', 'ASSESSOR', timeline.reviewDueAt));
    if (report.status === 'submitted')
      steps.push(step('report.review', 'ASSESSOR', unit.reviewDueOf(report, timeline)));
  }
  return steps;
}
