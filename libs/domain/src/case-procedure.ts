import type { Role } from './roles';
import { PLAN_RUNGS, RANK_RUNGS } from './ladder-rules';

/** The rungs both default ladders know, rank-based (揭榜挂帅) first, then plan-based (三挂). */
export const CASE_RUNGS = [...RANK_RUNGS, ...PLAN_RUNGS] as const;
export type CaseRung = (typeof CASE_RUNGS)[number];

/** One recorded step of a case's procedure and who may record it. */
export interface CaseStepRule {
  step: string;
  /** Roles that may record the step; UNIT_* roles only for the case's own unit. */
  roles: readonly Role[];
  /** `before_approval`: the approvers decide on what this step put forward (the nomination). */
  when: 'before_approval' | 'after_approval';
  /** The step is meaningless without a note (the minutes, the decision, the nominee). */
  noteRequired: boolean;
}

/** How one rung runs once fired: whether its approvers decide in order, and its steps in order. */
export interface CaseProcedure {
  /** true: each approver decides after the previous one (LEADERSHIP confirms what ORG_DEPT approved). */
  approvalInOrder: boolean;
  steps: readonly CaseStepRule[];
}

const step = (
  name: string,
  roles: readonly Role[],
  options: Partial<Pick<CaseStepRule, 'when' | 'noteRequired'>> = {},
): CaseStepRule => ({
  step: name,
  roles,
  when: options.when ?? 'after_approval',
  noteRequired: options.noteRequired ?? false,
});

/**
 * Every known rung's procedure, steps in the order they must be recorded. Who approves is
 * policy data (the ladder rule's `approvers`, passed in CaseInput); the default ladder's are
 * shown here for reading:
 *
 * | rung                 | approvers (default ladder)     | steps (roles that record them)                                                                  |
 * |----------------------|--------------------------------|-------------------------------------------------------------------------------------------------|
 * | warning_speech       | none                           | speech_delivered (ASSESSOR)                                                                     |
 * | interview            | ORG_DEPT and DISCIPLINE        | scheduled, held, minutes_recorded* (ORG_DEPT or DISCIPLINE)                                     |
 * | quarterly_discipline | ORG_DEPT and DISCIPLINE        | discipline_decided* (DISCIPLINE), deputy_adjusted* (ORG_DEPT)                                   |
 * | year_end_adjustment  | ORG_DEPT, then LEADERSHIP      | before approval: cadre_nominated* (UNIT_HEAD of the unit); then adjustment_recorded* (ORG_DEPT) |
 * | written_explanation  | none                           | explanation_submitted* (UNIT_HEAD or UNIT_REPORTER of the unit), explanation_accepted (ASSESSOR) |
 * | meeting_explanation  | none                           | explanation_delivered (ASSESSOR, who records meetings)                                          |
 * | admonishment_talk    | ORG_DEPT                       | talk_scheduled, talk_held, record_filed* (ORG_DEPT)                                             |
 * | bonus_withheld       | LEADERSHIP                     | bonus_withheld_recorded (ASSESSOR)                                                              |
 * | (a rung a policy adds) | the rule's                   | outcome_recorded* (ASSESSOR or ORG_DEPT)                                                        |
 *
 * `*`: the step needs a note (the minutes, the decision, the nominated cadre, the explanation).
 */
export const CASE_STEPS: Readonly<Record<CaseRung, CaseProcedure>> = {
  warning_speech: { approvalInOrder: false, steps: [step('speech_delivered', ['ASSESSOR'])] },
  interview: {
    approvalInOrder: false,
    steps: [
      step('scheduled', ['ORG_DEPT', 'DISCIPLINE']),
      step('held', ['ORG_DEPT', 'DISCIPLINE']),
      step('minutes_recorded', ['ORG_DEPT', 'DISCIPLINE'], { noteRequired: true }),
    ],
  },
  quarterly_discipline: {
    approvalInOrder: false,
    steps: [
      step('discipline_decided', ['DISCIPLINE'], { noteRequired: true }),
      step('deputy_adjusted', ['ORG_DEPT'], { noteRequired: true }),
    ],
  },
  year_end_adjustment: {
    approvalInOrder: true,
    steps: [
      step('cadre_nominated', ['UNIT_HEAD'], { when: 'before_approval', noteRequired: true }),
      step('adjustment_recorded', ['ORG_DEPT'], { noteRequired: true }),
    ],
  },
  written_explanation: {
    approvalInOrder: false,
    steps: [
      step('explanation_submitted', ['UNIT_HEAD', 'UNIT_REPORTER'], { noteRequired: true }),
      step('explanation_accepted', ['ASSESSOR']),
    ],
  },
  meeting_explanation: { approvalInOrder: false, steps: [step('explanation_delivered', ['ASSESSOR'])] },
  admonishment_talk: {
    approvalInOrder: false,
    steps: [
      step('talk_scheduled', ['ORG_DEPT']),
      step('talk_held', ['ORG_DEPT']),
      step('record_filed', ['ORG_DEPT'], { noteRequired: true }),
    ],
  },
  bonus_withheld: { approvalInOrder: false, steps: [step('bonus_withheld_recorded', ['ASSESSOR'])] },
};

/** The procedure of a rung a policy adds beyond the known ones. */
export const GENERIC_CASE_PROCEDURE: CaseProcedure = {
  approvalInOrder: false,
  steps: [step('outcome_recorded', ['ASSESSOR', 'ORG_DEPT'], { noteRequired: true })],
};

/**
 * The procedure a fired case follows: its rung's (or the generic one), with the ladder rule's
 * nominating role when the case names one. `nominatedBy` undefined keeps the rung's own
 * nomination, null drops it, a role makes that role nominate before the approvers decide.
 */
export function caseProcedureOf(rung: string, nominatedBy?: Role | null): CaseProcedure {
  const procedure = isKnownRung(rung) ? CASE_STEPS[rung] : GENERIC_CASE_PROCEDURE;
  if (nominatedBy === undefined) return procedure;
  const outcome = procedure.steps.filter((rule) => rule.when === 'after_approval');
  if (nominatedBy === null) return { ...procedure, steps: outcome };
  const nomination =
    procedure.steps.find((rule) => rule.when === 'before_approval') ??
    step('nominated', [], { when: 'before_approval', noteRequired: true });
  return { ...procedure, steps: [{ ...nomination, roles: [nominatedBy] }, ...outcome] };
}

function isKnownRung(rung: string): rung is CaseRung {
  return (CASE_RUNGS as readonly string[]).includes(rung);
}
