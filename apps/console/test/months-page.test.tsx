/**
 * The months page: an assessor closes a collecting month and sees its new stage (the veto form,
 * an antd Form, sits below). The close makes the year's reads stale, not the list of years.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CycleStatus, MonthCloseState } from '../src/api/types';
import { MonthsPage } from '../src/pages/months-page';
import { CYCLE, cycleDetail } from './support/fixtures';
import { fakeApi } from './support/fake-api';
import { renderPage, signedInAs } from './support/render';

const month = (stage: MonthCloseState['stage']): MonthCloseState => ({
  month: 1,
  stage,
  version: stage === 'collecting' ? 0 : 1,
  closedAt: null,
  appealsOpenUntil: null,
  appeals: [],
  publishedBy: null,
});

describe('the months page', () => {
  it('lets an assessor close a collecting month, shows its new stage, and leaves the list of years alone', async () => {
    let status: CycleStatus = { cycleId: CYCLE.id, months: [month('collecting')], completed: false };
    const api = fakeApi({
      'GET /cycles': [CYCLE],
      [`GET /cycles/${CYCLE.id}`]: cycleDetail(),
      [`GET /cycles/${CYCLE.id}/months`]: () => ({ status: 200, body: status }),
      [`POST /cycles/${CYCLE.id}/months/1/close`]: () => {
        status = { ...status, months: [month('final')] };
        return { status: 200, body: {} };
      },
    });
    signedInAs(api, 'assessor', ['ASSESSOR']);
    const user = userEvent.setup({ delay: null });
    renderPage({ route: '/months', at: '/months' }, <MonthsPage />);
    await user.click(await screen.findByRole('button', { name: '关账并排名' }));

    await waitFor(() => expect(document.querySelector('[data-stage="final"]')).not.toBeNull());
    expect(api.to(`POST /cycles/${CYCLE.id}/months/1/close`)).toHaveLength(1);
    expect(api.to('GET /cycles')).toHaveLength(1);
    expect(screen.getByTestId('veto-form')).toBeTruthy();
  });
});
