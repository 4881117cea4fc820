import { z } from 'zod';
import { ROLES } from '@jiebang/domain';
import { idValue, wholeNumberQuery } from './fields';

/** Visibility's names of execution statuses, as the filter takes them. */
export const EXECUTION_STATUSES = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
] as const;
export type ExecutionStatusFilter = (typeof EXECUTION_STATUSES)[number];

/** Keys and ids that may go into a visibility query: no quotes, no spaces, nothing to escape. */
const safeValue = (name: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/, `${name} must be letters, digits and . _ : / - only`)
    .optional();

export const adminWorkflowsQuery = z.strictObject({
  cycleId: safeValue('cycleId').meta({ example: '2026-scenario-2026' }),
  unitId: safeValue('unitId').meta({ example: 'u01' }),
  phase: safeValue('phase').describe('The Phase search attribute (pledge, reporting, closed, ...)'),
  status: z.enum(EXECUTION_STATUSES).optional(),
  type: safeValue('type').meta({ example: 'unitCycleWorkflow' }),
  limit: wholeNumberQuery(1, 1000).optional().describe('At most this many workflows (default 200)'),
});

export const adminTasksQuery = z.strictObject({
  cycleId: safeValue('cycleId').meta({ example: '2026-scenario-2026' }),
  role: z.enum(ROLES).optional().describe('Only steps this role must take'),
});

/** A workflow id in a path (URL-encoded: slashes as %2F). */
export const workflowIdParam = idValue;

export type AdminWorkflowsQuery = z.infer<typeof adminWorkflowsQuery>;
export type AdminTasksQuery = z.infer<typeof adminTasksQuery>;
