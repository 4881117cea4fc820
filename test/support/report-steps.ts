/**
 * The step a month's report needs next, by its status, as its people take them: the reporter
 * submits, the head confirms (the policy asks for it), the assessor approves. Shared by the
 * cluster suite (test/cluster/support.ts) and bench:cluster, which take a report to approved
 * through the API and read its status again after a refusal, as the console does. No vitest
 * here: the benchmark loads it outside vitest's runner.
 */
export interface ReportStep {
  /** Who takes it. */
  by: 'reporter' | 'head' | 'assessor';
  method: 'PUT' | 'POST';
  /** Appended to the report's path (`/cycles/:id/units/:unit/reports/:month`). */
  suffix: '' | '/confirmation' | '/review';
  body: unknown;
  /** The report's status once the step is taken (a submission answers its own). */
  leaves: string;
}

/** The next step for a report in `status` (undefined: not read yet, or still a draft), or undefined once approved. */
export function nextReportStep(status: string | undefined, values: unknown): ReportStep | undefined {
  switch (status) {
    case 'approved':
      return undefined;
    case 'awaiting_confirmation':
      return {
        by: 'head',
        method: 'POST',
        suffix: '/confirmation',
        body: { decision: 'confirm' },
        leaves: 'submitted',
      };
    case 'submitted':
      return { by: 'assessor', method: 'POST', suffix: '/review', body: { decision: 'approve' }, leaves: 'approved' };
    default:
      return {
        by: 'reporter',
        method: 'PUT',
        suffix: '',
        body: { values, submit: true },
        leaves: 'awaiting_confirmation',
      };
  }
}
