import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import type { MonthOutcome } from '@jiebang/contracts';

/** The same payload a unit workflow receives when its month closes. */
export const benchOutcomeSignal = defineSignal<[MonthOutcome]>('benchOutcome');
/** The months whose outcome arrived. */
export const benchMonthsReceivedQuery = defineQuery<number[]>('benchMonthsReceived');

/**
 * The baseline's stand-in for a unit workflow: it runs, takes month outcomes and does nothing
 * else, so signalling it costs only what Temporal itself costs. Ends when terminated.
 */
export async function outcomeSinkWorkflow(): Promise<void> {
  const received = new Map<number, MonthOutcome>();
  setHandler(benchOutcomeSignal, (outcome) => void received.set(outcome.month, outcome));
  setHandler(benchMonthsReceivedQuery, () => [...received.keys()]);
  await condition(() => false);
}
