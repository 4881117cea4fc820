import { caseIdOfWorkflowId } from '@jiebang/contracts/case';
import { supervisionItemIdOfWorkflowId } from '@jiebang/contracts/supervision';
import type { Task } from '../api/types';

/** Where one click on a pending step takes the person: the page on which they take it. */
export function stepLink(task: Task): string {
  const unit = task.unitId ? encodeURIComponent(task.unitId) : '';
  switch (task.step) {
    case 'pledge.sign':
      return `/units/${unit}/pledge`;
    case 'report.submit':
    case 'report.confirm':
    case 'report.review':
    case 'report.rate':
    case 'extension.decide':
      return `/units/${unit}/reports/${task.month}`;
    case 'rating.rate':
      return task.cycleId
        ? `/rating-rounds/${task.month}?cycle=${encodeURIComponent(task.cycleId)}`
        : `/rating-rounds/${task.month}`;
    case 'month.close':
    case 'appeal.decide':
    case 'bulletin.publish':
      return `/months?month=${task.month}`;
    case 'supervision.respond':
    case 'supervision.verify':
      return `/supervision/${encodeURIComponent(supervisionItemIdOfWorkflowId(task.workflowId))}`;
    default:
      if (task.step.startsWith('case.')) return `/cases/${encodeURIComponent(caseIdOfWorkflowId(task.workflowId))}`;
      return `/workflows/${encodeURIComponent(task.workflowId)}`;
  }
}

/**
 * The console page of a message's link. Messages (and the e-mails and robot posts made of them)
 * link the API's path of the step (libs/contracts stepLinkOf: `/cycles/c/units/u/reports/3`,
 * `/supervision-items/i`); the console keeps the year in its cycle picker, so the year is returned
 * apart, for the picker.
 */
export function consoleLinkOf(link: string): { path: string; cycleId: string | null } {
  // A bulletin's download: the month's board, where its versions are listed.
  const bulletin = /^\/cycles\/([^/]+)\/months\/(\d+)\/bulletins\/[^/]+$/.exec(link);
  if (bulletin) return { path: `/board?month=${bulletin[2]}`, cycleId: decodeURIComponent(bulletin[1]) };
  const cycle = /^\/cycles\/([^/]+)(?:\/units\/([^/]+)(\/.*)?)?$/.exec(link);
  if (cycle) {
    const [, cycleId, unitId, rest] = cycle;
    return { path: unitId ? `/units/${unitId}${rest ?? ''}` : '/tasks', cycleId: decodeURIComponent(cycleId) };
  }
  const item = /^\/supervision-items\/([^/]+)$/.exec(link);
  if (item) return { path: `/supervision/${item[1]}`, cycleId: null };
  return { path: link, cycleId: null };
}
