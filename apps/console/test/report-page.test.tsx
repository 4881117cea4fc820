/**
 * The monthly report form (antd Form): the values and texts it sends, a problem the API names at
 * an indicator shown beside that indicator, a refusal that belongs to the review comment beside
 * the comment, a saved step that reads again only what it changed (the unit, not the years), and
 * the key projects' investment (项目投资合计) beside the indicator they feed.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MonthReport, Unit } from '../src/api/types';
import { ReportPage } from '../src/pages/report-page';
import { CYCLE, cycleDetail, monthReport, unitOf } from './support/fixtures';
import { answer, fakeApi, refusal } from './support/fake-api';
import { fill } from './support/fill';
import { renderPage, signedInAs } from './support/render';

const UNIT = `/cycles/${CYCLE.id}/units/u-a`;
const REPORT = `${UNIT}/reports/1`;

function reportApi(report: MonthReport, unit: Partial<Unit> = {}) {
  return fakeApi({
    'GET /cycles': [CYCLE],
    [`GET /cycles/${CYCLE.id}`]: cycleDetail(),
    [`GET ${UNIT}`]: { ...unitOf('u-a', '区发改局', [report]), ...unit },
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

  const fedByProjects = (investment: number, reportedValue: number, mismatch: boolean): Partial<Unit> => ({
    projectInvestment: [
      {
        indicatorId: 'u-a-invest',
        projects: ['p-park', 'p-port'],
        months: [{ month: 1, investment, reportedProjects: 1, reportedValue, mismatch }],
      },
    ],
  });
  const submitted = monthReport(1, { status: 'submitted', values: { 'u-a-invest': 2500 } });

  it("shows the key projects' investment beside the indicator they feed, with 与填报值不一致 when they differ", async () => {
    signedInAs(reportApi(submitted, fedByProjects(2000, 2500, true)), 'assessor', ['ASSESSOR']);
    page();
    const sum = await screen.findByTestId('project-investment-u-a-invest');
    expect(screen.getByRole('columnheader', { name: '项目投资合计' })).toBeTruthy();
    expect(within(sum).getByText('2000')).toBeTruthy();
    expect(within(sum).getByText('1/2 个项目已填报')).toBeTruthy();
    expect(within(sum).getByTestId('project-investment-mismatch-u-a-invest').textContent).toBe('与填报值不一致');
  });

  it('shows no warning when the projects sum to the reported value', async () => {
    signedInAs(reportApi(submitted, fedByProjects(2500, 2500, false)), 'assessor', ['ASSESSOR']);
    page();
    const sum = await screen.findByTestId('project-investment-u-a-invest');
    expect(within(sum).getByText('2500')).toBeTruthy();
    expect(screen.queryByTestId('project-investment-mismatch-u-a-invest')).toBeNull();
  });
});
