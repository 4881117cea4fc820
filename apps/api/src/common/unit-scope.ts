import type { Actor } from '../../../../libs/contracts/src';
import { actsDistrictWide, seesUnit } from '../../../../libs/domain/src';
import { ApiException } from './api-exception';

/** Throws 403 unless the actor may see records of `unitId`: unit people see their own unit only. */
export function requireSightOfUnit(actor: Actor, unitId: string): void {
  if (seesUnit(actor, unitId)) return;
  throw new ApiException('FORBIDDEN', `Unit ${unitId}'s records are not visible to ${actor.userId}`);
}

/** The unit filter a listing may use: unit people are narrowed to their own unit (403 when asking for another). */
export function visibleUnitFilter(actor: Actor, requested: string | undefined): string | undefined {
  if (actsDistrictWide(actor)) return requested;
  if (!actor.unitId) throw new ApiException('FORBIDDEN', `${actor.userId} holds unit roles but no unit`);
  if (requested !== undefined) requireSightOfUnit(actor, requested);
  return actor.unitId;
}
