/**
 * The rating page's progress (评议进度): each group by its words (交叉考核, 督查考评组, a panel's
 * own name), never as the policy spells it, and the units by the names of the year in the
 * address (`?cycle=`), whatever year the picker holds.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Cycle, CycleDetail } from '../src/api/types';
import type { RatingRound } from '../src/api/queries';
import { RatingPage } from '../src/pages/rating-page';
import { CYCLE, cycleDetail } from './support/fixtures';
import { fakeApi } from './support/fake-api';
import { renderPage, signedInAs } from './support/render';

/** Last year: the picker holds CYCLE (2026), the latest; the address names this one. */
const LAST_YEAR: Cycle = { ...CYCLE, id: 'cy-0', name: '2025 assessment', year: 2025 };
const lastYearDetail = (): CycleDetail =>
  cycleDetail(LAST_YEAR, {
    categories: [{ id: 'town', name: '乡镇街道' }],
    units: [
      { id: 'u-a', name: '东城街道', categoryId: 'town' },
      { id: 'u-b', name: '西城街道', categoryId: 'town' },
    ],
  });

const round: RatingRound = {
  cycleId: LAST_YEAR.id,
  month: 1,
  status: 'open',
  closesAt: '2025-02-05T00:00:00.000Z',
  mine: [],
  submittedAt: null,
  indicators: [
    {
      indicatorId: 'u-a-sat',
      unitId: 'u-a',
      groups: [
        { group: 'peers', rated: 0, expected: 1, notYet: ['u-b'] },
        { group: 'assessors', rated: 1, expected: null, notYet: [] },
        { group: 'panel:巡察组', rated: 1, expected: 2, notYet: ['xc2'] },
      ],
      value: null,
      failBelow: null,
      deemedFailed: false,
    },
  ],
};

describe('the rating page’s progress', () => {
  it('names each group in words and each unit by the name of the year in the address', async () => {
    const api = fakeApi({
      'GET /cycles': [CYCLE, LAST_YEAR],
      [`GET /cycles/${CYCLE.id}`]: cycleDetail(),
      [`GET /cycles/${LAST_YEAR.id}`]: lastYearDetail(),
      [`GET /cycles/${LAST_YEAR.id}/rating-rounds/1`]: round,
      [`GET /cycles/${LAST_YEAR.id}/rating-rounds/1/links`]: { links: [] },
    });
    signedInAs(api, 'assessor', ['ASSESSOR']);
    renderPage({ route: '/rating-rounds/:month', at: `/rating-rounds/1?cycle=${LAST_YEAR.id}` }, <RatingPage />);

    const progress = await screen.findByTestId('rating-progress');
    await within(progress).findByText('东城街道');
    expect(within(progress).getByText('交叉考核: 0 / 1 · 未评: 西城街道')).toBeTruthy();
    expect(within(progress).getByText('督查考评组: 1')).toBeTruthy();
    expect(within(progress).getByText('巡察组: 1 / 2 · 未评: xc2')).toBeTruthy();
    expect(progress.textContent).not.toMatch(/peers|assessors|panel:|u-a|u-b|区发改局/);
  });
});
