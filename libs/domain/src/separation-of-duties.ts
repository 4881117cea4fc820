import { holdsRoleFor, UNIT_ROLES, type RoleHolder } from './roles';

/** The steps that decide about a unit, and so fall under separation of duties. */
export const DECIDING_STEPS = [
  'review',
  'rating',
  'veto',
  'extension decision',
  'appeal decision',
  'supervision verification',
  'case decision',
] as const;

export type DecidingStep = (typeof DECIDING_STEPS)[number];

/** Who decides: the roles and unit of `RoleHolder`, and the person's id. */
export interface Decider extends RoleHolder {
  userId: string;
}

/** The unit a decision is about, and the people it names (a case's head and deputy). */
export interface DecisionSubject {
  unitId: string;
  people?: readonly (string | null | undefined)[];
}

/**
 * Separation of duties (the rulebook's "a person a case is about does not decide on it", for
 * every step that decides about a unit): nobody decides about a unit they belong to (hold a
 * unit role of), nor about a matter that names them. Returns why the decision is refused, or
 * undefined when `decider` may decide.
 */
export function separationOfDutiesProblem(
  decider: Decider,
  step: DecidingStep,
  subject: DecisionSubject,
): string | undefined {
  const ownUnit = UNIT_ROLES.find((role) => holdsRoleFor(decider, role, subject.unitId));
  if (ownUnit)
    return `${decider.userId} is ${ownUnit} of unit ${subject.unitId} and so takes no ${step} about it (separation of duties)`;
  if (subject.people?.includes(decider.userId))
    return `${decider.userId} is named in this matter of unit ${subject.unitId} and so takes no ${step} on it (separation of duties)`;
  return undefined;
}

/** True when `decider` may take `step` about `subject` (see separationOfDutiesProblem). */
export function mayDecideAbout(decider: Decider, step: DecidingStep, subject: DecisionSubject): boolean {
  return separationOfDutiesProblem(decider, step, subject) === undefined;
}
