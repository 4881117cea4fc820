import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import type { WeeklyDispatchInput } from '@jiebang/contracts';
import { RECORDING_ACTIVITY_OPTIONS } from './activity-options';
import { sleepUntil } from './deadlines';
import { upsertPhase } from './search-attributes';

const { remindWeeklyNotes, closeDispatchWeek } = proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS);

/**
 * A cycle's weekly dispatch (每周调度): for each week, durable timers at its reminders (the units
 * whose notes are missing are reminded) and at its close (the assessors are told, per category,
 * what is missing). The notes themselves are taken by the API while the week is open; this
 * workflow only keeps time. Weeks come in order; a restarted worker resumes at the next timer.
 */
export async function weeklyDispatchWorkflow(input: WeeklyDispatchInput): Promise<{ weeks: number }> {
  upsertPhase('dispatching');
  for (const week of input.weeks) {
    for (const [index, reminder] of week.reminders.entries()) {
      await sleepUntil(reminder);
      await remindWeeklyNotes({ cycleId: input.cycleId, week: week.week, end: week.end, reminder: index });
    }
    await sleepUntil(week.end);
    await closeDispatchWeek({ cycleId: input.cycleId, week: week.week, end: week.end });
  }
  upsertPhase('done');
  return { weeks: input.weeks.length };
}
