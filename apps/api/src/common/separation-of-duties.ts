import type { Actor } from '@jiebang/contracts';
import { separationOfDutiesProblem, type DecidingStep, type DecisionSubject } from '@jiebang/domain';
import { ApiException } from './api-exception';

/**
 * Throws 403 SEPARATION_OF_DUTIES when `actor` belongs to the unit the step decides about (or
 * is named in it): the rule is libs/domain's; the refusal is audited like every 403.
 */
export function requireSeparationOfDuties(actor: Actor, step: DecidingStep, subject: DecisionSubject): void {
  const problem = separationOfDutiesProblem(actor, step, subject);
  if (problem) throw new ApiException('SEPARATION_OF_DUTIES', problem, { unitId: subject.unitId, step });
}
