import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratingRoundWorkflowId, type RatingRoundInput } from '@jiebang/contracts';
import { ratingRoundWorkflow } from '../../workflows';
import { startWorkflowTestbed, type WorkflowTestbed } from '../support/workflow-testbed';

const TASK_QUEUE = 'rating-round-branches';

describe('ratingRoundWorkflow on a real dev server, with a compressed deadline and activities that take note', () => {
  let testbed: WorkflowTestbed;

  beforeAll(async () => {
    testbed = await startWorkflowTestbed(TASK_QUEUE, {
      openRatingRound: () => undefined,
      remindRaters: () => 1,
      // Month 6 of cycle "rated" has two rated indicators; month 7's round got no rating at all.
      closeRatingRound: (request) =>
        request.cycleId === 'rated'
          ? [
              { unitId: 'u00', indicatorId: 'u00-sat', value: 79.92 },
              { unitId: 'u01', indicatorId: 'u01-sat', value: 70 },
            ]
          : [],
      recordRoundValue: (request) => (request.unitId === 'u01' ? 'The report for month 6 is already approved' : null),
    });
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  function run(cycleId: string): { input: RatingRoundInput; started: Promise<unknown>; done: Promise<void> } {
    const now = Date.now();
    const at = (ms: number) => new Date(now + ms).toISOString();
    const input: RatingRoundInput = { cycleId, month: 6, opensAt: at(300), closesAt: at(1_200), reminders: [at(700)] };
    const started = testbed.env.client.workflow.start(ratingRoundWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: ratingRoundWorkflowId(cycleId, 6),
      args: [input],
    });
    return { input, started, done: started.then((handle) => handle.result()) };
  }

  it('opens with the month, reminds before the deadline, closes by itself and writes every value through rateIndicator', async () => {
    const { input, done } = run('rated');
    await done;
    const calls = testbed.calls.filter((call) => call.request.cycleId === 'rated');
    expect(calls.map((call) => call.name)).toEqual([
      'openRatingRound',
      'remindRaters',
      'closeRatingRound',
      'recordRoundValue',
      'recordRoundValue',
    ]);
    const [open, remind, close] = calls;
    expect(open!.at).toBeGreaterThanOrEqual(Date.parse(input.opensAt));
    expect(open!.request).toEqual({ cycleId: 'rated', month: 6, closesAt: input.closesAt });
    expect(remind!.at).toBeGreaterThanOrEqual(Date.parse(input.reminders[0]!));
    expect(close!.at).toBeGreaterThanOrEqual(Date.parse(input.closesAt));
    expect(calls.slice(3).map((call) => call.request)).toEqual([
      { cycleId: 'rated', month: 6, unitId: 'u00', indicatorId: 'u00-sat', value: 79.92 },
      // Refused by the unit's workflow (report approved): the round ends anyway, without retrying forever.
      { cycleId: 'rated', month: 6, unitId: 'u01', indicatorId: 'u01-sat', value: 70 },
    ]);
  });

  it('sends nothing to the units when nobody rated: an assessor rates as before', async () => {
    const { done } = run('silent');
    await done;
    const names = testbed.calls.filter((call) => call.request.cycleId === 'silent').map((call) => call.name);
    expect(names).toEqual(['openRatingRound', 'remindRaters', 'closeRatingRound']);
  });

  it('is one round per cycle and month: a second start with the same business key is refused', async () => {
    const first = run('once');
    // The second start is sent once the first is on the server (and its round still open).
    await first.started;
    await expect(
      testbed.env.client.workflow.start(ratingRoundWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: ratingRoundWorkflowId('once', 6),
        args: [first.input],
      }),
    ).rejects.toThrow(/already started/i);
    await first.done;
  });
});
