import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createAuditActivities } from './audit.activities';
import { createCaseActivities } from './case.activities';
import { createCycleActivities } from './cycle.activities';
import { createKeyProjectActivities } from './key-project.activities';
import { createOutboxActivities } from './outbox.activities';
import { createPledgeActivities } from './pledge.activities';
import { createRatingActivities } from './rating.activities';
import { createReportActivities } from './report.activities';
import { withFailureKinds } from './failure-kinds';
import { createSupervisionActivities } from './supervision.activities';
import { createKeyProjectCalendarActivities } from './key-project-calendar.activities';

export interface ActivityDependencies {
  dataSource: DataSource;
  /** For activities that signal or start other workflows (month outcomes to every unit). */
  client: Client;
  /** Outcomes told per second to units that need not act on them at once (OUTCOME_DELIVERIES_PER_SECOND). */
  outcomeDeliveriesPerSecond?: number;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(dependencies: ActivityDependencies) {
  return withFailureKinds({
    ...createOutboxActivities(dependencies),
    ...createPledgeActivities(dependencies),
    ...createReportActivities(dependencies),
    ...createCycleActivities(dependencies),
    ...createCaseActivities(dependencies),
    ...createSupervisionActivities(dependencies),
    ...createAuditActivities(dependencies),
    ...createKeyProjectActivities(dependencies),
    ...createRatingActivities(dependencies),
    ...createKeyProjectCalendarActivities(dependencies),
  });
}

export type Activities = ReturnType<typeof createActivities>;
export type { PledgeRecord } from './pledge.activities';
