/**
 * The monthly report form (antd Form): the values and texts it sends, a problem the API names at
 * an indicator shown beside that indicator, a refusal that belongs to the review comment beside
 * the comment, and a saved step that reads again only what it changed (the unit, not the years).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MonthReport } from '../src/api/types';
import { ReportPage } from '../src/pages/report-page';
import { CYCLE, cycleDetail, monthReport, unitOf } from './support/fixtures';
import { answer, fakeApi, refusal } from './support/fake-api';
import { fill } from './support/fill';
import { renderPage, signedInAs } from './support/render';

const UNIT = `/cycles/${CYCLE.id}/units/u-a`;
const REPORT = `${UNIT}/reports/1`;

function reportApi(report: MonthReport) {
  return fakeApi({
    'GET /cycles': [CYCLE],
    [`GET /cycles/${CYCLE.id}`]: cycleDetail(),
    [`GET ${UNIT}`]: unitOf('u-a', '区发改局', [report]),
    [`GET ${REPORT}/evidence`]: [],
  });
}

const page = () => renderPage({ route: '/units/:unitId/reports/:month', at: '/units/u-a/reports/1' }, <ReportPage />);

/** The errors antd shows in the form item around `element`. */
const errorsAround = (element: HTMLElement) =>
  [...element.closest('.ant-form-item')!.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent);

describe('the monthly report form', () => {
  it('sends the values and texts typed, then reads the unit again and nothing else', async () => {
    const api = reportApi(monthReport(1, { status: 'draft', values: { 'u-a-invest': 1000 } }));
    api.answer(`PUT ${REPORT}`, answer(200, {}));
    signedInAs(api, 'reporter-u-a', ['UNIT_REPORTER'], 'u-a');
    const user = userEvent.setup({ delay: null });
    page();
    const value = await screen.findByRole('spinbutton', { name: '固定资产投资' });
    // What the API holds fills the form.
    await waitFor(() => expect((value as HTMLInputElement).value).toBe('1000'));
    await user.clear(value);
    await fill(user, value, '2500');
    await fill(user, screen.getByLabelText('存在问题'), '项目审批较慢');
    const unitReads = api.to(`GET ${UNIT}`).length;
    const cycleReads = api.to('GET /cycles').length;
    await user.click(screen.getByRole('button', { name: '保存草稿' }));

    await screen.findByText('草稿已保存');
    expect(api.to(`PUT ${REPORT}`).map((request) => request.body)).toEqual([
      {
        values: { 'u-a-invest': 2500 },
        texts: { progress: '', problems: '项目审批较慢', nextSteps: '' },
        submit: false,
      },
    ]);
    await waitFor(() => expect(api.to(`GET ${UNIT}`).length).toBeGreaterThan(unitReads));
    expect(api.to('GET /cycles').length).toBe(cycleReads);
    // The person's typing stays: the unit read again does not overwrite a touched form.
    expect((value as HTMLInputElement).value).toBe('2500');
  });

  it('shows a problem the API names at an indicator beside that indicator, by its code', async () => {
    const api = reportApi(monthReport(1, { status: 'open' }));
    api.answer(
      `PUT ${REPORT}`,
      refusal(400, 'VALIDATION_FAILED', 'Invalid request body: values.u-a-invest: Too big', [
        {
          path: 'values.u-a-invest',
          message: 'Too big: expected number to be <=1000000000000',
          code: 'too_big',
          limit: 1e12,
          origin: 'number',
        },
      ]),
    );
    signedInAs(api, 'reporter-u-a', ['UNIT_REPORTER'], 'u-a');
    const user = userEvent.setup({ delay: null });
    page();
    const value = await screen.findByRole('spinbutton', { name: '固定资产投资' });
    await fill(user, value, '3000');
    await user.click(screen.getByRole('button', { name: /^报\s*送$/ }));

    await waitFor(() =>
      expect(errorsAround(value)).toEqual(['不能大于 1000000000000（Too big: expected number to be <=1000000000000）']),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('puts a refusal that belongs to the review comment beside the comment', async () => {
    const api = reportApi(monthReport(1, { status: 'submitted', values: { 'u-a-invest': 2500 } }));
    api.answer(`POST ${REPORT}/review`, refusal(400, 'RETURN_COMMENT_REQUIRED', 'Returning a report needs a comment'));
    signedInAs(api, 'assessor', ['ASSESSOR']);
    const user = userEvent.setup({ delay: null });
    page();
    const review = await screen.findByTestId('review-form');
    await user.click(within(review).getByRole('button', { name: /退\s*回/ }));

    const comment = screen.getByLabelText('审核意见');
    await waitFor(() =>
      expect(errorsAround(comment)).toEqual(['退回须写明修改意见（Returning a report needs a comment）']),
    );
    expect(api.to(`POST ${REPORT}/review`).map((request) => request.body)).toEqual([{ decision: 'return' }]);
  });
});
