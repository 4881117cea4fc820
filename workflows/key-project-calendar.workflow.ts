import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import type { KeyProjectCalendarInput } from '@jiebang/contracts';
import { RECORDING_ACTIVITY_OPTIONS } from './activity-options';
import { sleepUntil } from './deadlines';
import { upsertPhase } from './search-attributes';

const { remindWeeklyNotes, closeDispatchWeek, sendPortfolios } =
  proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS);

/**
 * A cycle's key-project calendar, one durable timer after another: weekly dispatch (每周调度)
 * reminders to the units whose notes are missing and each week's close (the assessors told, per
 * category, what is missing), and each month's portfolio notice to every leader in command (挂帅)
 * when the month's progress closes. The notes themselves are taken by the API while their week
 * is open; this workflow only keeps time, and every notice it writes is keyed, so a retried or
 * replayed step writes nothing twice.
 */
export async function keyProjectCalendarWorkflow(input: KeyProjectCalendarInput): Promise<{ events: number }> {
  upsertPhase('watching');
  for (const event of input.events) {
    await sleepUntil(event.at);
    if (event.kind === 'remind')
      await remindWeeklyNotes({ cycleId: input.cycleId, week: event.week, end: event.end, reminder: event.reminder });
    else if (event.kind === 'closeWeek')
      await closeDispatchWeek({ cycleId: input.cycleId, week: event.week, end: event.end });
    else await sendPortfolios({ cycleId: input.cycleId, month: event.month });
  }
  upsertPhase('done');
  return { events: input.events.length };
}
