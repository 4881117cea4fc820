import { z } from 'zod';
import { adminTaskView } from './admin';

/** How soon a step is due, as the my-tasks filter takes it. */
export const TASK_DUE_FILTERS = ['overdue', 'week', 'undated'] as const;

/** Filters of my tasks (GET /tasks). */
export const myTasksQuery = z.strictObject({
  cycleId: z.string().min(1).max(200).optional(),
  unitId: z.string().min(1).max(200).optional(),
  /** The kind of step, dotted as the workflows name it: `report.submit`, `case.decide` ... */
  step: z.string().min(1).max(100).optional(),
  due: z.enum(TASK_DUE_FILTERS).optional(),
});

export type MyTasksQuery = z.infer<typeof myTasksQuery>;

// Answers

export const myTasksView = z.object({
  tasks: z
    .array(adminTaskView)
    .describe('The steps the signed-in person may take: overdue first (longest overdue first), then by due date'),
  counts: z
    .record(z.string(), z.number())
    .describe('How many of each kind of step, before the step and due filters')
    .meta({ example: { 'report.submit': 1, 'case.decide': 2 } }),
  overdue: z.number().describe('How many are overdue, before the step and due filters'),
});
export type MyTasksView = z.infer<typeof myTasksView>;
