import { z } from 'zod';

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
