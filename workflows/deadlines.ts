import { condition, sleep } from '@temporalio/workflow';

/** True when `done` holds before `instant`; false when `instant` arrives first. The wait is a durable timer. */
export async function happensBefore(done: () => boolean, instant: string): Promise<boolean> {
  const wait = Date.parse(instant) - Date.now();
  if (wait <= 0) return done();
  return condition(done, wait);
}

/** Waits until `instant` on a durable timer; returns at once when it has passed. */
export async function sleepUntil(instant: string): Promise<void> {
  const wait = Date.parse(instant) - Date.now();
  if (wait > 0) await sleep(wait);
}

/** The instant `ms` after `instant`, as ISO-8601. */
export function instantAfter(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString();
}
