/**
 * A case names the people it concerns: the head and the deputy as the import named them, and the
 * account linked to each post (or that none is); an approver's decision, its reason and the
 * refusal that asks for one beside it. Was a browser file of its own (concerns.test.ts,
 * a whole Temporal + API + Chromium suite for one page); the API's side, that the case's answer
 * carries `concernedAccounts`, is proven in test/integration/cases.test.ts.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../src/api/types';
import { CasePage } from '../src/pages/cases-page';
import { CYCLE, cycleDetail, unitOf } from './support/fixtures';
import { fakeApi } from './support/fake-api';
import { fill } from './support/fill';
import { renderPage, signedInAs } from './support/render';

const CASE_ID = 'cy-1/u-a/quarterly_discipline/3';

function quarterlyCase(concernedAccounts: CaseDetail['concernedAccounts']): CaseDetail {
  return {
    caseId: CASE_ID,
    workflowId: `case/${CASE_ID}`,
    cycleId: CYCLE.id,
    unitId: 'u-a',
    rung: 'quarterly_discipline',
    month: 3,
    ruleId: 'rank-quarterly-discipline',
    concerns: { head: '张三', deputy: '李四' },
    concernedAccounts,
    status: 'awaiting_approval',
    explanation: {
      text: 'Last three months',
      rule: 'rank-quarterly-discipline',
      months: [1, 2, 3],
      ranks: [2, 2, 2],
      scores: [],
      indicators: [],
    },
    approvers: ['ORG_DEPT', 'DISCIPLINE'],
    decisions: [],
    steps: [],
    openedAt: '2026-04-01T00:00:00.000Z',
    approvalDueAt: '2026-04-08T00:00:00.000Z',
    outcomeDueAt: null,
    overdue: false,
    live: null,
    events: [],
    reminded: false,
    escalated: false,
    closedAt: null,
  };
}

describe('the case page', () => {
  it('shows the head and the deputy as imported, and the account linked to each post or that none is', async () => {
    const api = fakeApi({
      'GET /cycles': [CYCLE],
      [`GET /cycles/${CYCLE.id}`]: cycleDetail(),
      [`GET /cycles/${CYCLE.id}/units/u-a`]: unitOf('u-a', '区发改局'),
      [`GET /cases/${encodeURIComponent(CASE_ID)}`]: quarterlyCase({
        head: { id: 'head-u-a', name: '张三' },
        deputy: null,
      }),
    });
    signedInAs(api, 'head-u-a', ['UNIT_HEAD'], 'u-a');
    renderPage({ route: '/cases/:caseId', at: `/cases/${encodeURIComponent(CASE_ID)}` }, <CasePage />);

    const concerns = await screen.findByTestId('case-concerns');
    within(concerns).getByText('涉及人员');
    within(concerns).getByText('张三 · 账号：张三（head-u-a）');
    within(concerns).getByText('李四 · 未关联账号');
    // The unit by its name, never its id.
    expect((await screen.findAllByText(/区发改局/)).length).toBeGreaterThan(0);
  });

  it('asks for the reason of a rejection beside the reason before sending, then sends it', async () => {
    const path = `/cases/${encodeURIComponent(CASE_ID)}`;
    const awaiting = quarterlyCase({ head: null, deputy: null });
    const api = fakeApi({
      'GET /cycles': [CYCLE],
      [`GET /cycles/${CYCLE.id}`]: cycleDetail(),
      [`GET /cycles/${CYCLE.id}/units/u-a`]: unitOf('u-a', '区发改局'),
      [`GET ${path}`]: {
        ...awaiting,
        live: { ...awaiting, pendingApprovers: ['DISCIPLINE'], remainingSteps: [], reminded: false, escalated: false },
      },
      [`POST ${path}/decisions`]: {},
    });
    signedInAs(api, 'discipline-1', ['DISCIPLINE']);
    const user = userEvent.setup({ delay: null });
    renderPage({ route: '/cases/:caseId', at: path }, <CasePage />);
    const decision = await screen.findByTestId('case-decision');
    await user.click(within(decision).getByRole('button', { name: '不同意' }));

    const reason = within(decision).getByLabelText('理由');
    const errors = () =>
      [...reason.closest('.ant-form-item')!.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent);
    await waitFor(() => expect(errors()).toEqual(['必填（a rejection needs a reason）']));
    expect(api.to(`POST ${path}/decisions`)).toEqual([]);
    await fill(user, reason, '情况已整改');
    await user.click(within(decision).getByRole('button', { name: '不同意' }));
    await waitFor(() => expect(api.to(`POST ${path}/decisions`)).toHaveLength(1));
    expect(api.to(`POST ${path}/decisions`)[0]!.body).toEqual({ approve: false, reason: '情况已整改' });
  });
});
