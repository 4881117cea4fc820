import type { Role } from './actor';

/** A human step a workflow is waiting for: who must act, for which unit, and by when. */
export interface PendingStep {
  /** What is awaited, dotted: `pledge.sign`, `report.submit`, `report.review`, `month.close`. */
  step: string;
  /** The role that may take the step. */
  role: Role;
  /** For UNIT_* roles (and unit-level steps of others): the unit concerned. */
  unitId?: string;
  /** For a step of one month (a report, a month's close): that month, 1..12. */
  month?: number;
  /** When the step is due, ISO-8601; null when it has no deadline. */
  dueAt: string | null;
}
