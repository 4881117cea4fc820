import { condition, log, patched, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import type { RatingRoundInput } from '@jiebang/contracts';
import { closeRatingRoundNowSignal } from '@jiebang/contracts/temporal';
import { RECORDING_ACTIVITY_OPTIONS } from './activity-options';

const { openRatingRound, remindRaters, closeRatingRound, recordRoundValue } =
  proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS);

/** Rounds started by this code close early when an assessor says so; rounds recorded before it never saw the signal. */
export const RATING_ROUND_CLOSE_NOW = 'rating-round-close-now';

/** Sleeps until `iso` (not at all when it has passed): timers are durable, a restarted worker resumes them. */
async function sleepUntil(iso: string): Promise<void> {
  const wait = Date.parse(iso) - Date.now();
  if (wait > 0) await sleep(wait);
}

/**
 * A rating round (评议) of one month of a cycle: opens with the month's report window, reminds
 * raters who have not rated, closes by itself at the deadline and writes each rated indicator's
 * value into its unit's report through `rateIndicator`. Ratings live in Postgres, written by the
 * API while the round is open, so a worker crash or restart loses none; closing and computing is
 * one idempotent activity, so a retry counts none twice.
 */
export async function ratingRoundWorkflow(input: RatingRoundInput): Promise<void> {
  const { cycleId, month, opensAt, closesAt, reminders } = input;
  let closeNow = false;
  setHandler(closeRatingRoundNowSignal, () => {
    closeNow = true;
  });
  await sleepUntil(opensAt);
  await openRatingRound({ cycleId, month, closesAt });
  const closesEarly = patched(RATING_ROUND_CLOSE_NOW);
  /** Waits until `iso`, or until an assessor closes the round now; true when closed early. */
  const waitUntil = async (iso: string): Promise<boolean> => {
    if (!closesEarly) {
      await sleepUntil(iso);
      return false;
    }
    const wait = Date.parse(iso) - Date.now();
    if (wait > 0) await condition(() => closeNow, wait);
    return closeNow;
  };
  for (const at of reminders) {
    if (Date.parse(at) >= Date.parse(closesAt)) continue;
    if (await waitUntil(at)) break;
    await remindRaters({ cycleId, month, at, closesAt });
  }
  await waitUntil(closesAt);
  const values = await closeRatingRound({ cycleId, month });
  for (const value of values) {
    const refused = await recordRoundValue({ cycleId, month, ...value });
    if (refused !== null) log.warn('A rating round value was not written', { ...value, month, refused });
  }
}
