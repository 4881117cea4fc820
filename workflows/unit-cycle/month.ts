import { condition } from '@temporalio/workflow';
import type { MonthOutcome, MonthReport, MonthTimeline } from '@jiebang/contracts';
import { remindersBefore } from '@jiebang/domain';
import { happensBefore, sleepUntil } from '../deadlines';
import { reachedAssessors, type UnitYear } from './unit-year';

// A month's timers: the window opens, reminders, the deadline, the review, the outcome.

/**
 * A month: its window opens, reminders run until the report reaches the assessors, review
 * settles, the ranking answers. The cycle's close writes what holds for every unit at once (the
 * report rows as the window opens, "missed" for each report not approved when the ranking is
 * final), so a quiet month costs a unit two wake-ups and no activity.
 */
export async function runMonth(unit: UnitYear, timeline: MonthTimeline): Promise<void> {
  const report = unit.reportOf(timeline.month);
  await sleepUntil(timeline.opensAt);
  if (!unit.opened.has(timeline.month)) {
    if (unit.phase !== 'closed') unit.enter('reporting', timeline.month);
    unit.opened.add(timeline.month);
  }
  await remindUntilSubmitted(unit, report, timeline);
  await settle(unit, report, timeline);
  await condition(() => unit.outcomes.has(timeline.month));
  if (report.status !== 'approved') report.status = 'missed';
  for (const fired of unit.outcomes.get(timeline.month)!.cases) await unit.openCase(fired);
}

/**
 * Until the month's outcome: the report reaches the assessors by its deadline and is reviewed,
 * or is missed. An extension approved after a miss revives it, and the deadline runs again.
 */
async function settle(unit: UnitYear, report: MonthReport, timeline: MonthTimeline): Promise<void> {
  const closed = () => unit.outcomes.has(report.month);
  const course = unit.courses.get(report.month)!;
  while (!closed() && report.status !== 'approved') {
    if (course.settling === 'deadline') await settleDeadline(unit, report);
    course.settling = 'review';
    await settleReview(unit, report, timeline);
    if (report.status === 'missed') await condition(() => closed() || report.status !== 'missed');
    course.settling = 'deadline';
  }
}

/** Reminds the reporter, or the head while the report waits for their confirmation. */
async function remindUntilSubmitted(unit: UnitYear, report: MonthReport, timeline: MonthTimeline): Promise<void> {
  const submitted = () => reachedAssessors(report) || unit.outcomes.has(report.month);
  const course = unit.courses.get(report.month)!;
  for (; course.remindersPassed < timeline.reminders.length; course.remindersPassed++) {
    const remindAt = timeline.reminders[course.remindersPassed]!;
    if (await happensBefore(submitted, remindAt)) {
      course.remindersPassed = timeline.reminders.length;
      return;
    }
    if (report.status === 'awaiting_confirmation')
      await unit.notifyUnit(
        `report/m${report.month}/confirmation`,
        'reminder',
        remindAt,
        'UNIT_HEAD',
        `Report for month ${report.month} waits for your confirmation; it must reach the assessors by ${report.dueAt}`,
        { step: 'report.confirm', month: report.month },
      );
    else
      await unit.notifyUnit(
        `report/m${report.month}`,
        'reminder',
        remindAt,
        'UNIT_REPORTER',
        `Report for month ${report.month} due ${report.dueAt}`,
        { step: 'report.submit', month: report.month },
      );
  }
}

/** The deadline can move while we wait (an approved extension), so the wait restarts on a move. */
async function settleDeadline(unit: UnitYear, report: MonthReport): Promise<void> {
  for (;;) {
    const due = report.dueAt;
    const settled = await happensBefore(
      () => reachedAssessors(report) || unit.outcomes.has(report.month) || report.dueAt !== due,
      due,
    );
    if (reachedAssessors(report) || unit.outcomes.has(report.month)) return;
    if (settled) continue;
    if (report.extension?.status === 'requested') {
      await condition(() => report.extension?.status !== 'requested' || unit.outcomes.has(report.month));
      continue;
    }
    const unconfirmed = report.status === 'awaiting_confirmation';
    report.status = 'missed';
    await unit.persist(report, 'report.missed', {
      reason: unconfirmed
        ? `Report not confirmed by the head by its deadline ${due}`
        : `No report by its deadline ${due}`,
      change: { status: 'missed' },
    });
    await unit.notifyUnit(
      `report/m${report.month}`,
      'deadline',
      due,
      'UNIT_HEAD',
      `No report for month ${report.month} reached the assessors by ${due}: the month scores 0`,
      { step: 'report.submit', month: report.month },
    );
    return;
  }
}

/**
 * Until the report is approved or missed: a report with the assessors waits for their review
 * (however long it takes: the month waits for it); a returned one must come back within the
 * resubmission window, confirmed by the head when the policy asks, or the month scores 0.
 */
async function settleReview(unit: UnitYear, report: MonthReport, timeline: MonthTimeline): Promise<void> {
  const closed = () => unit.outcomes.has(report.month);
  while (!closed() && report.status !== 'approved' && report.status !== 'missed') {
    if (report.status === 'submitted') {
      await awaitReview(unit, report, timeline);
      continue;
    }
    const due = unit.deadlineOf(report);
    if (await happensBefore(() => closed() || reachedAssessors(report), due)) continue;
    report.status = 'missed';
    await unit.persist(report, 'report.missed', {
      reason: `Returned report not resubmitted to the assessors by ${due}`,
      change: { status: 'missed' },
    });
    await unit.notifyUnit(
      `report/m${report.month}/resubmit`,
      'deadline',
      due,
      'UNIT_HEAD',
      `Returned report for month ${report.month} not resubmitted by ${due}: the month scores 0`,
      { step: 'report.submit', month: report.month },
    );
  }
}

/** Reminds the assessors before the review is due; when it passes, escalates to LEADERSHIP once. */
async function awaitReview(unit: UnitYear, report: MonthReport, timeline: MonthTimeline): Promise<void> {
  const reviewed = () => report.status !== 'submitted' || unit.outcomes.has(report.month);
  const due = unit.reviewDueOf(report, timeline);
  const topic = `report/m${report.month}/review`;
  for (const remindAt of remindersBefore(due, unit.input.reminderOffsets, report.reachedAt ?? timeline.opensAt)) {
    if (await happensBefore(reviewed, remindAt)) return;
    await unit.notifyUnit(
      topic,
      'reminder',
      remindAt,
      'ASSESSOR',
      `Report of unit ${unit.input.unitId} for month ${report.month} waits for review, due ${due}`,
    );
  }
  if (await happensBefore(reviewed, due)) return;
  const reason = `Report of unit ${unit.input.unitId} for month ${report.month} not reviewed by ${due}`;
  await unit.notifyUnit(topic, 'escalation', due, 'LEADERSHIP', reason);
  await unit.escalate(topic, 'LEADERSHIP', reason, () =>
    unit.trail.entry('review.escalated', ['reports', report.month], {
      reason,
      change: { addressedTo: 'LEADERSHIP', reviewDueAt: due },
    }),
  );
  await condition(reviewed);
}

export function receiveOutcome(unit: UnitYear, outcome: MonthOutcome): void {
  const known = unit.outcomes.get(outcome.month);
  if (known && known.version >= outcome.version) return;
  unit.outcomes.set(outcome.month, outcome);
}
