import { describe, expect, it } from 'vitest';
import { caseIdOf, caseWorkflowId } from './case';

describe('case ids', () => {
  it('derives case and workflow ids from the trigger', () => {
    expect(caseIdOf('2026-demo', 'u01', 'interview', 3)).toBe('2026-demo/u01/interview/m3');
    expect(caseWorkflowId('2026-demo', 'u01', 'interview', 3)).toBe('case-2026-demo/u01/interview/m3');
  });
});
