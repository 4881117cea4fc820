import type { Actor } from '@jiebang/contracts';
import { actsDistrictWide, seesUnit } from '@jiebang/domain';
import { ApiException } from './api-exception';

/**
 * Throws 404 UNIT_NOT_FOUND, the answer for a unit that does not exist, unless the actor may see
 * `unitId`'s records: what a person may not see does not exist for them (no existence oracle).
 */
export function requireSightOfUnit(actor: Actor, cycleId: string, unitId: string): void {
  if (!seesUnit(actor, unitId)) throw unitNotFound(cycleId, unitId);
}

/** The one answer for a unit that is absent or hidden. */
export function unitNotFound(cycleId: string, unitId: string): ApiException {
  return new ApiException('UNIT_NOT_FOUND', `No unit ${unitId} in cycle ${cycleId}`, undefined, {
    unit: unitId,
    cycle: cycleId,
  });
}

/**
 * The unit filter a listing may use: unit people are narrowed to their own unit. Asking for
 * another unit's list is refused (403) whether or not that unit exists, so it reveals nothing.
 */
export function visibleUnitFilter(actor: Actor, requested: string | undefined): string | undefined {
  if (actsDistrictWide(actor)) return requested;
  if (!actor.unitId) throw new ApiException('FORBIDDEN', `${actor.userId} holds unit roles but no unit`);
  if (requested !== undefined && requested !== actor.unitId)
    throw new ApiException('FORBIDDEN', `Unit ${requested}'s records are not visible to ${actor.userId}`);
  return actor.unitId;
}
