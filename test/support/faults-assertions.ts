import { expect } from 'vitest';
import { ANSWER_WITHIN_MS, type Fault, type YearUnderFaultsResult } from './faults';
import { expectedCases } from './year-readback';

/** What must hold after a year under faults, whatever failed during it. */
export function expectYearSurvived(result: YearUnderFaultsResult, units: number): void {
  const { expected } = result;
  expect(result.months).toEqual(expected.months);
  expect(result.cases).toEqual(expectedCases(expected));
  expect(result.annual).toEqual(expected.annual);
  expect(result.duplicatedNotifications).toEqual([]);
  expect(result.duplicatedAudit).toEqual([]);
  // Head confirmation is on: the reporter submits to the head, the head's sign-off sends the report to the assessors.
  expect(result.reportAuditRows).toEqual({
    'report.submitted_to_head': units * 12,
    'report.confirmed': units * 12,
    'report.approved': units * 12,
  });
  expect(result.auditVerification).toMatchObject({ ok: true, firstBreak: null });

  // Every refusal was clear and in time: a 503 naming the part that is down with a Retry-After,
  // or a refused connection while the API itself was down; never a 500 or a hang.
  const failed = result.answers.filter((answer) => typeof answer.status !== 'number' || answer.status >= 500);
  for (const answer of failed) {
    expect(answer.ms, `${answer.method} ${answer.path}`).toBeLessThanOrEqual(ANSWER_WITHIN_MS);
    if (typeof answer.status === 'number') {
      expect(answer.status, JSON.stringify(answer)).toBe(503);
      expect(['DATABASE_UNAVAILABLE', 'WORKFLOW_UNAVAILABLE', 'REQUEST_TIMEOUT']).toContain(answer.code);
      expect(answer.retryAfter).toBe('5');
    } else {
      expect(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']).toContain(answer.status);
    }
  }
}

/** What a read gets while each part is down: 503 naming the part, or no connection while the API itself is. */
const ANSWER_WHILE_DOWN: Partial<Record<Fault, { status: number | string; code?: string }>> = {
  postgres: { status: 503, code: 'DATABASE_UNAVAILABLE' },
  temporal: { status: 503, code: 'WORKFLOW_UNAVAILABLE' },
  // No worker answers the query of the cycle's state: the API's deadline for it (5 s) ends it.
  worker: { status: 503, code: 'WORKFLOW_UNAVAILABLE' },
  api: { status: 'ECONNREFUSED' },
};

/**
 * What a person saw while a part was down (docs/operations.md, "While a part is down"): a 503 naming the
 * part with `Retry-After: 5` while Postgres, Temporal or the worker was down, a refused
 * connection while the API was; never a hang.
 */
export function expectClearAnswersWhileDown(result: YearUnderFaultsResult, faults: Fault[]): void {
  const probed = faults.filter((fault) => ANSWER_WHILE_DOWN[fault] !== undefined);
  expect(result.answersWhileDown.map((answer) => answer.fault).sort()).toEqual(probed.sort());
  for (const answer of result.answersWhileDown) {
    const { status, code } = ANSWER_WHILE_DOWN[answer.fault]!;
    expect(answer, `a read while ${answer.fault} was down`).toMatchObject(
      typeof status === 'number' ? { status, code, retryAfter: '5' } : { status },
    );
    expect(answer.ms, `a read while ${answer.fault} was down`).toBeLessThanOrEqual(ANSWER_WITHIN_MS);
  }
}

/** "1234 requests; 17 refused while a part was down (DATABASE_UNAVAILABLE 9, ECONNREFUSED 8), slowest refusal 10.2 s (limit 15 s); a read while each part was down: postgres 503 DATABASE_UNAVAILABLE in 0.1 s, …". */
export function describeAnswers(result: YearUnderFaultsResult): string {
  const failed = result.answers.filter((answer) => typeof answer.status !== 'number' || answer.status >= 500);
  const byKind = new Map<string, number>();
  for (const answer of failed) {
    const kind = answer.code ?? String(answer.status);
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const kinds = [...byKind.entries()].map(([kind, count]) => `${kind} ${count}`).join(', ');
  const slowest = Math.max(0, ...failed.map((answer) => answer.ms));
  const whileDown = result.answersWhileDown
    .map(
      ({ fault, status, code, ms }) =>
        `${[fault, status, code].filter(Boolean).join(' ')} in ${(ms / 1000).toFixed(1)} s`,
    )
    .join(', ');
  return `${result.answers.length} requests; ${failed.length} refused while a part was down (${kinds || 'none'}), slowest refusal ${(slowest / 1000).toFixed(1)} s (limit ${ANSWER_WITHIN_MS / 1000} s); a read while each part was down: ${whileDown || 'none'}`;
}
