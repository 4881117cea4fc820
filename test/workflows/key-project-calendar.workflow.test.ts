import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyProjectCalendarWorkflowId, type KeyProjectCalendarInput } from '@jiebang/contracts';
import { keyProjectCalendarWorkflow } from '../../workflows';
import { startWorkflowTestbed, type WorkflowTestbed } from '../support/workflow-testbed';

const TASK_QUEUE = 'key-project-calendar-branches';

const at = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('keyProjectCalendarWorkflow (每周调度, 挂帅), with activities that only take note', () => {
  let testbed: WorkflowTestbed;

  beforeAll(async () => {
    testbed = await startWorkflowTestbed(TASK_QUEUE, {
      remindWeeklyNotes: () => 1,
      closeDispatchWeek: () => 1,
      sendPortfolios: () => 2,
    });
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  it('runs each reminder, week close and monthly portfolio at its own timer, in order', async () => {
    const [remind, close, portfolio] = [at(300), at(600), at(900)];
    const input: KeyProjectCalendarInput = {
      cycleId: 'kpc-branches',
      events: [
        { kind: 'remind', at: remind, week: 1, end: close, reminder: 0 },
        { kind: 'closeWeek', at: close, week: 1, end: close },
        { kind: 'portfolio', at: portfolio, month: 1 },
      ],
    };
    const result = await testbed.env.client.workflow.execute(keyProjectCalendarWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: keyProjectCalendarWorkflowId(input.cycleId),
      args: [input],
    });
    expect(result).toEqual({ events: 3 });
    const calls = testbed.calls.filter((call) => call.request.cycleId === 'kpc-branches');
    expect(calls.map((call) => [call.name, call.request])).toEqual([
      ['remindWeeklyNotes', { cycleId: 'kpc-branches', week: 1, end: close, reminder: 0 }],
      ['closeDispatchWeek', { cycleId: 'kpc-branches', week: 1, end: close }],
      ['sendPortfolios', { cycleId: 'kpc-branches', month: 1 }],
    ]);
    [remind, close, portfolio].forEach((instant, index) =>
      expect(calls[index]!.at).toBeGreaterThanOrEqual(Date.parse(instant)),
    );
  });

  it('starting a cycle’s calendar twice runs one workflow', async () => {
    const options = {
      taskQueue: TASK_QUEUE,
      workflowId: keyProjectCalendarWorkflowId('kpc-twice'),
      args: [{ cycleId: 'kpc-twice', events: [{ kind: 'portfolio' as const, at: at(3_600_000), month: 1 }] }] as [
        KeyProjectCalendarInput,
      ],
    };
    const first = await testbed.env.client.workflow.start(keyProjectCalendarWorkflow, options);
    await expect(testbed.env.client.workflow.start(keyProjectCalendarWorkflow, options)).rejects.toThrow(
      /already started/i,
    );
    await first.terminate('test over');
  });
});
