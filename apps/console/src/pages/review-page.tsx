import { TasksPage } from './tasks-page';

/** The assessors' review queue: the reports waiting for them, overdue first. */
export function ReviewPage() {
  return <TasksPage title="reviewQueue" initialStep="report.review" />;
}
