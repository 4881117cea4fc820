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
