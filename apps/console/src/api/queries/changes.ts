/**
 * What a kind of step changes, as the keys `useStep` marks stale. Named once here so that pages
 * agree: a report's step changes its unit, the months' readiness and the people's tasks; a month's
 * step (close, publish, veto, appeal, ratings) changes the whole year, the tasks and the cases it
 * may fire.
 */
import type { QueryKey } from '@tanstack/react-query';
import { cycleKeys } from './cycles';
import { caseKeys, supervisionKeys, taskKeys } from './work';

export const changes = {
  /** A step on one unit's report or pledge. */
  report: (cycleId: string, unitId: string): QueryKey[] => [
    cycleKeys.unit(cycleId, unitId),
    cycleKeys.status(cycleId),
    taskKeys.all,
  ],
  /** A step on a month of the year as a whole: rankings, boards, results, units' scores move. */
  year: (cycleId: string): QueryKey[] => [cycleKeys.of(cycleId), taskKeys.all, caseKeys.all],
  /** A step on a case: the case, every list that shows it, the tasks it was on. */
  case: (caseId: string): QueryKey[] => [caseKeys.detail(caseId), caseKeys.lists(), taskKeys.all],
  /** A step on a supervision item. */
  supervision: (itemId?: string): QueryKey[] => [
    itemId ? supervisionKeys.detail(itemId) : supervisionKeys.all,
    supervisionKeys.lists(),
    taskKeys.all,
  ],
};
