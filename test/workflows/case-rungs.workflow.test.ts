import { afterAll, beforeAll, describe, it } from 'vitest';
import { caseIdOf, caseWorkflowId, type CaseInput } from '@jiebang/contracts';
import { CASE_RUNGS } from '@jiebang/domain';
import { caseWorkflow } from '../../workflows';
import { eventually } from '../support/jiebang';
import { startWorkflowTestbed, type WorkflowTestbed } from '../support/workflow-testbed';

const TASK_QUEUE = 'case-rungs';

/**
 * A case of every rung, awaiting an approval nobody gives: each reminds, then escalates to
 * LEADERSHIP. Besides checking that, it gives `npm run record-histories` a case of each rung.
 */
describe('a case of every rung whose approval is not given in time', () => {
  let testbed: WorkflowTestbed;

  beforeAll(async () => {
    testbed = await startWorkflowTestbed(TASK_QUEUE);
  });

  afterAll(async () => {
    await testbed?.stop();
  });

  // The rungs' cases are independent workflows: they run side by side, each waiting out its own deadline.
  it.concurrent.for(CASE_RUNGS)('escalates the %s case to LEADERSHIP once', async (rung, { expect }) => {
    const caseId = caseIdOf('rungs', 'u-a', rung, 3);
    const input: CaseInput = {
      caseId,
      cycleId: 'rungs',
      unitId: 'u-a',
      rung,
      month: 3,
      ruleId: `rule-${rung}`,
      approvers: ['ORG_DEPT'],
      explanation: {
        text: `${rung} fired`,
        rule: `rule-${rung}`,
        months: [3],
        ranks: [9],
        scores: [61],
        indicators: [],
      },
      approvalDeadline: '1s',
    };
    await testbed.env.client.workflow.start(caseWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: caseWorkflowId('rungs', 'u-a', rung, 3),
      args: [input],
    });
    const escalations = await eventually(async () => {
      const found = testbed.calls.filter(
        (call) => call.name === 'escalate' && JSON.stringify(call.request).includes(caseId),
      );
      return found.length > 0 ? found : undefined;
    });
    expect(escalations).toHaveLength(1);
  });
});
