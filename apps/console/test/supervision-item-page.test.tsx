/**
 * A supervision item's page: its record (办理过程) lists every event the supervision workflow
 * records by its Chinese words, never as the workflow names it, each person by their name, and the
 * unit by the name of the item's own year.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SUPERVISION_EVENT_KINDS } from '@jiebang/contracts/supervision';
import type { SupervisionItemDetail } from '../src/api/types';
import { SupervisionItemPage } from '../src/pages/supervision-page';
import { CYCLE, cycleDetail } from './support/fixtures';
import { fakeApi } from './support/fake-api';
import { renderPage, signedInAs } from './support/render';

const LABELS = {
  opened: '立项督办',
  reminded: '催办提醒',
  responded: '单位反馈',
  overdue: '逾期通报',
  accountability: '逾期问责',
  sent_back: '退回重办',
  closed: '核实销号',
} as const;

const item: SupervisionItemDetail = {
  id: 'sv-1',
  workflowId: 'supervision-sv-1',
  cycleId: CYCLE.id,
  unitId: 'u-a',
  title: '加快土地报批',
  indicatorId: null,
  description: '本月内完成报批',
  status: 'closed',
  openedBy: 'assessor',
  openedAt: '2026-02-01T00:00:00.000Z',
  deadline: '2026-02-10T00:00:00.000Z',
  accountabilityAt: '2026-02-20T00:00:00.000Z',
  overdue: true,
  escalationLevel: 2,
  responses: [],
  verifications: [],
  closedAt: '2026-02-25T00:00:00.000Z',
  live: null,
  events: SUPERVISION_EVENT_KINDS.map((kind, seq) => ({
    seq,
    kind,
    actorId: kind === 'reminded' || kind === 'overdue' || kind === 'accountability' ? null : 'assessor',
    actorName: kind === 'reminded' || kind === 'overdue' || kind === 'accountability' ? null : '张伟',
    // The workflow's own log lines (English) stay out of the record; a person's note shows.
    note: kind === 'reminded' ? 'due 2026-02-10T00:00:00.000Z' : kind === 'responded' ? '已完成报批' : null,
    statusAfter: 'open',
    at: `2026-02-0${seq + 1}T00:00:00.000Z`,
  })),
};

describe('a supervision item’s record', () => {
  it('names every event the workflow records in Chinese, each person by name, and the workflow itself as 系统', async () => {
    const api = fakeApi({
      'GET /cycles': [CYCLE],
      [`GET /cycles/${CYCLE.id}`]: cycleDetail(),
      'GET /supervision-items/sv-1': item,
    });
    signedInAs(api, 'assessor', ['ASSESSOR']);
    renderPage({ route: '/supervision/:itemId', at: '/supervision/sv-1' }, <SupervisionItemPage />);

    await screen.findByText('区发改局');
    const record = document.querySelector('.ant-timeline')! as HTMLElement;
    const rows = within(record)
      .getAllByRole('listitem')
      .map((row) => row.textContent ?? '');
    expect(rows.map((row) => row.split(' · ')[0])).toEqual(SUPERVISION_EVENT_KINDS.map((kind) => LABELS[kind]));
    expect(rows[0]).toContain('张伟');
    expect(rows[1]).toContain('系统');
    // People by their names: no account id in the record.
    expect(record.textContent).not.toContain('assessor');
    expect(rows[2]).toContain('已完成报批');
    expect(record.textContent).not.toMatch(
      /opened|reminded|responded|overdue|accountability|closed|sent_back|system|due/,
    );
  });
});
