import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import type { UnitCycleInput, UnitCycleStatus } from '@jiebang/contracts';
import { acceptHumanSteps } from './human-steps';
import { runMonth } from './month';
import { collectPledge } from './pledge';
import { UnitYear } from './unit-year';

/**
 * Versioned change (docs/workflow-changes.md): the year continues as new at each month
 * boundary, so no history grows with the year. Histories made before it (no marker where a month
 * opened) run their year in one history, as they began.
 */
export const CONTINUE_AS_NEW_AT_MONTH_BOUNDARIES = 'unit-cycle-continue-as-new-at-month-boundaries';

/** One unit's assessment year: the pledge, then month after month until the year closes. */
export async function unitCycleWorkflow(input: UnitCycleInput): Promise<UnitCycleStatus> {
  const unit = new UnitYear(input);
  acceptHumanSteps(unit);
  // The pledge shields nothing: the months run whether or not the head signs, and the missing
  // signature is reminded and escalated on its own. Months overlap too: month m is still under
  // review while month m+1 runs, so each runs on its own. A run that continues as new ends here by
  // the throw of continueAsNew; the next run goes on from the state it carries.
  await Promise.race([
    Promise.all([collectPledge(unit), ...input.months.map((timeline) => runMonth(unit, timeline))]),
    continueAsNewAtMonthBoundaries(unit, input),
  ]);
  unit.enter('closed');
  await condition(allHandlersFinished);
  return unit.status();
}

/**
 * When a month opens (or Temporal suggests it: a long history), and once nothing is half done (no
 * Update in flight, no activity or child start awaited), hands the year to a new run of the same
 * workflow id with everything it knows. Timers and waits are not carried: the next run re-arms
 * them from the absolute deadlines. A signal that arrives meanwhile makes the server refuse the
 * hand-over until this run has taken it, so it is in the state carried.
 */
async function continueAsNewAtMonthBoundaries(unit: UnitYear, input: UnitCycleInput): Promise<never> {
  let opened = input.resume?.opened.length ?? 0;
  let heedSuggestion = true;
  for (;;) {
    await condition(() => unit.monthsOpened() > opened || (heedSuggestion && workflowInfo().continueAsNewSuggested));
    if (patched(CONTINUE_AS_NEW_AT_MONTH_BOUNDARIES)) break;
    // A history made before the change goes on in this run; a worker that runs it live (after an
    // upgrade) hands it over at the next boundary. The suggestion, once given, would wake the loop
    // again at once: it is heeded only on the new path.
    opened = unit.monthsOpened();
    heedSuggestion = false;
  }
  while (!unit.atRest()) await condition(() => unit.atRest());
  return await continueAsNew<typeof unitCycleWorkflow>({ ...input, resume: unit.handOver() });
}
