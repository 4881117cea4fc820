import { describe, expect, it } from 'vitest';
import { DECIDING_STEPS, mayDecideAbout, separationOfDutiesProblem, type Decider } from './separation-of-duties';

const assessor: Decider = { userId: 'a1', roles: ['ASSESSOR'] };
const assessorAndReporterOfU01: Decider = { userId: 'a2', roles: ['ASSESSOR', 'UNIT_REPORTER'], unitId: 'u01' };
const orgDeptAndHeadOfU02: Decider = { userId: 'o1', roles: ['ORG_DEPT', 'UNIT_HEAD'], unitId: 'u02' };

describe('separation of duties', () => {
  it.each(DECIDING_STEPS)('refuses a %s about the unit the decider belongs to', (step) => {
    expect(mayDecideAbout(assessorAndReporterOfU01, step, { unitId: 'u01' })).toBe(false);
    expect(separationOfDutiesProblem(orgDeptAndHeadOfU02, step, { unitId: 'u02' })).toContain('UNIT_HEAD of unit u02');
  });

  it.each(DECIDING_STEPS)('allows a %s about another unit', (step) => {
    expect(mayDecideAbout(assessorAndReporterOfU01, step, { unitId: 'u02' })).toBe(true);
    expect(mayDecideAbout(assessor, step, { unitId: 'u01' })).toBe(true);
  });

  it('refuses a decision on a matter that names the decider', () => {
    expect(mayDecideAbout(assessor, 'case decision', { unitId: 'u05', people: ['a1', null] })).toBe(false);
    expect(mayDecideAbout(assessor, 'case decision', { unitId: 'u05', people: ['h5', null] })).toBe(true);
  });

  it('does not treat a unit id alone, without a unit role, as belonging', () => {
    expect(mayDecideAbout({ userId: 'a3', roles: ['ASSESSOR'], unitId: 'u01' }, 'review', { unitId: 'u01' })).toBe(
      true,
    );
  });
});
