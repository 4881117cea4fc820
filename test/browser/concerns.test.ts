import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIdOf, caseWorkflowId } from '@jiebang/contracts';
import { PLAN_LADDER, RANK_LADDER } from '@jiebang/domain';
import { caseWorkflow } from '../../workflows';
import { eventually } from '../support/jiebang';
import { ensureTestUser } from '../support/users';
import { tinyScenario } from '../support/scenarios';
import { ACTORS, startJiebangSuite, type JiebangSuite } from '../support/suite';
import { checkPage, launchChromium, signedIn } from './support/browser';

const TASK_QUEUE = 'concerns-suite';
const { admin, headOf } = ACTORS;

describe('a case names the people it concerns, and the accounts linked to their posts', () => {
  let suite: JiebangSuite;
  let browser: Browser;
  let cycleId: string;

  beforeAll(async () => {
    [suite, browser] = await Promise.all([startJiebangSuite(TASK_QUEUE), launchChromium()]);
    const imported = await suite.call('POST', '/cycles', { actor: admin, body: tinyScenario('Concerns district') });
    expect(imported.status).toBe(201);
    cycleId = (imported.body.cycle as { id: string }).id;
  });

  afterAll(async () => {
    await browser?.close();
    await suite?.stop();
  });

  it('shows the head as imported and the linked account to the head, who signs in and reads the case', async () => {
    const rule = [...RANK_LADDER, ...PLAN_LADDER].find((candidate) => candidate.rung === 'quarterly_discipline')!;
    const caseId = caseIdOf(cycleId, 'u-a', rule.rung, 3);
    await suite.temporal.workflow.start(caseWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: caseWorkflowId(cycleId, 'u-a', rule.rung, 3),
      args: [
        {
          caseId,
          cycleId,
          unitId: 'u-a',
          rung: rule.rung,
          month: 3,
          ruleId: rule.id,
          approvers: [...rule.approvers],
          nominatedBy: rule.nominatedBy ?? null,
          explanation: {
            text: 'Last three months',
            rule: rule.id,
            months: [1, 2, 3],
            ranks: [2, 2, 2],
            scores: [],
            indicators: [],
          },
          approvalDeadline: '1h',
          unitHeadId: 'head-u-a',
          concerns: { head: '张三', deputy: '李四' },
        },
      ],
    });
    await eventually(async () =>
      (await suite.call('GET', `/cases/${encodeURIComponent(caseId)}`, { actor: admin })).status === 200
        ? true
        : undefined,
    );
    // The head's account exists (as the test people do, with a known password); the administrator links it to the post.
    await ensureTestUser(suite.stack.databaseUrl, headOf('u-a'));
    const linked = await suite.call('PATCH', '/accounts/head-u-a', {
      actor: admin,
      body: { displayName: '张三', unitPost: 'head' },
    });
    expect(linked.status).toBe(200);

    const { context, page } = await signedIn(browser, suite.baseUrl, suite.stack.databaseUrl, headOf('u-a'));
    await page.goto(`${suite.baseUrl}/cases/${encodeURIComponent(caseId)}`);
    const concerns = page.getByTestId('case-concerns');
    await concerns.getByText('涉及人员').waitFor();
    await concerns.getByText('张三 · 账号：张三（head-u-a）').waitFor();
    await concerns.getByText('李四 · 未关联账号').waitFor();
    await checkPage(page, 'case-concerns');
    await context.close();
  });
});
