import type { MilestoneKind } from '@jiebang/domain';
import type { SupervisionInput } from './supervision';

/**
 * One milestone the project's workflow watches (挂牌督战): at `checkAt`, the close of the progress
 * of `month` (the month of its due date), the milestone has slipped unless a month up to `month`
 * reported it reached.
 */
export interface MilestoneCheck {
  milestone: MilestoneKind;
  /** The cycle's month of the due date, 1..12. */
  month: number;
  due: string;
  /** When the month's progress closes (its report deadline): the slip is certain from then on. */
  checkAt: string;
}

/** Input of `keyProjectWorkflow`: one key project and its milestones' checks, in the order they fall due. */
export interface KeyProjectInput {
  cycleId: string;
  projectId: string;
  projectName: string;
  unitId: string;
  leaderId: string;
  leaderName: string;
  checks: MilestoneCheck[];
}

/** What the slip check found: nothing (reached in time), or the supervision item it opened (or had opened). */
export type MilestoneSlipCheck = { slipped: false } | { slipped: true; item: SupervisionInput };

/** The workflow id of a key project: `key-project-<cycleId>/<projectId>`. */
export function keyProjectWorkflowId(cycleId: string, projectId: string): string {
  return `key-project-${cycleId}/${projectId}`;
}

/** The business key of a slipped milestone's supervision item: `slip/<project>/<milestone>`. */
export function milestoneSlipKey(projectId: string, milestone: MilestoneKind): string {
  return `slip/${projectId}/${milestone}`;
}
