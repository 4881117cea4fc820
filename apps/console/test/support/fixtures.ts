/**
 * Answers of the API for component tests, typed with the console's own view types (so a shape the
 * API changes breaks them at compile time): one year, "2026 assessment", with two units in one
 * category, and a unit whose month-1 report a test chooses.
 */
import { defaultPolicy } from '@jiebang/domain/policy';
import type { Cycle, CycleDetail, Indicator, MonthReport, Unit } from '../../src/api/types';

export const CYCLE: Cycle = {
  id: 'cy-1',
  name: '2026 assessment',
  year: 2026,
  categories: 1,
  units: 2,
  indicators: 2,
  pledgeOpenedAt: '2026-01-01T00:00:00.000Z',
  pledgeDeadline: null,
  periods: [],
  policy: defaultPolicy(),
};

/** A year with its organisation: CYCLE's two units by default. */
export function cycleDetail(
  cycle: Cycle = CYCLE,
  organisation: CycleDetail['organisation'] = {
    categories: [{ id: 'econ', name: '经济发展类' }],
    units: [
      { id: 'u-a', name: '区发改局', categoryId: 'econ' },
      { id: 'u-b', name: '区商务局', categoryId: 'econ' },
    ],
  },
): CycleDetail {
  return { ...cycle, organisation };
}

/** 固定资产投资 (reported by the unit) and 政风评议 (rated by the assessors). */
export const INDICATORS: Indicator[] = [
  {
    id: 'u-a-invest',
    name: '固定资产投资',
    dimension: 'quantitative',
    direction: 'increase',
    measure: 'cumulative',
    weight: 80,
    satisfactory: 24000,
    disallowed: 12000,
    plan: null,
    basis: null,
    cooperating: [],
  },
  {
    id: 'u-a-conduct',
    name: '政风评议',
    dimension: 'conduct',
    direction: 'increase',
    measure: 'rate',
    weight: 20,
    satisfactory: 90,
    disallowed: 60,
    plan: null,
    basis: null,
    cooperating: [],
  },
];

export function monthReport(month: number, changes: Partial<MonthReport> = {}): MonthReport {
  return {
    month,
    status: 'open',
    opensAt: '2026-02-01T00:00:00.000Z',
    dueAt: '2026-02-10T00:00:00.000Z',
    late: false,
    values: null,
    texts: null,
    ratings: {},
    submittedBy: null,
    submittedAt: null,
    confirmedBy: null,
    reachedAt: null,
    headComment: null,
    reviewedBy: null,
    reviewComment: null,
    extension: null,
    ...changes,
  };
}

export function unitOf(unitId: string, name: string, reports: MonthReport[] = []): Unit {
  return {
    cycleId: CYCLE.id,
    id: unitId,
    name,
    categoryId: 'econ',
    head: null,
    deputy: null,
    workflowId: `cycle-${CYCLE.id}/unit-${unitId}`,
    workflow: {
      cycleId: CYCLE.id,
      unitId,
      phase: 'reporting',
      pledge: {
        deadline: '2026-01-15T00:00:00.000Z',
        signed: true,
        signedBy: `head-${unitId}`,
        signedAt: '2026-01-10T00:00:00.000Z',
        late: false,
        escalated: false,
      },
      reports,
      outcomes: [],
    },
    pendingSteps: [],
    indicators: INDICATORS,
    pledge: null,
    notifications: [],
    escalations: [],
    projectInvestment: [],
  };
}
