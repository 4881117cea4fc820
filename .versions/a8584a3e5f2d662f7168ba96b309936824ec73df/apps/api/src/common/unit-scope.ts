import type { Actor, Role } from '../../../../libs/contracts/src';
import { ApiException } from './api-exception';

const UNIT_ROLES: readonly Role[] = ['UNIT_HEAD', 'UNIT_REPORTER'];

/** True when the actor holds a district-wide role and so is not confined to one unit. */
function actsDistrictWide(actor: Actor): boolean {
  return actor.roles.some((role) => !UNIT_ROLES.includes(role));
}

/** Throws 403 unless the actor may see records of `unitId`: unit people see their own unit only. */
export function requireSightOfUnit(actor: Actor, unitId: string): void {
  if (actsDistrictWide(actor) || actor.unitId === unitId) return;
  throw new ApiException('FORBIDDEN', `Unit ${unitId}'s records are not visible to ${actor.userId}`);
}

/** The unit filter a listing may use: unit people are narrowed to their own unit (403 when asking for another). */
export function visibleUnitFilter(actor: Actor, requested: string | undefined): string | undefined {
  if (actsDistrictWide(actor)) return requested;
  if (!actor.unitId) throw new ApiException('FORBIDDEN', `${actor.userId} holds unit roles but no unit`);
  if (requested !== undefined) requireSightOfUnit(actor, requested);
  return actor.unitId;
}
