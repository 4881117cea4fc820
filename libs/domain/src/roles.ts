import { z } from 'zod';

/** The roles of docs/rules.md; `UNIT_*` roles are always scoped to one unit. */
export const ROLES = [
  'UNIT_HEAD',
  'UNIT_REPORTER',
  'ASSESSOR',
  'ORG_DEPT',
  'DISCIPLINE',
  'LEADERSHIP',
  'ADMIN',
  'RATER',
] as const;

export type Role = (typeof ROLES)[number];

/** One of `ROLES`, with a message listing them. */
export const roleSchema = z.enum(ROLES, { error: `expected one of the roles ${ROLES.join(', ')}` });

/** The roles held for one unit only (`Actor.unitId`); every other role is district-wide. */
export const UNIT_ROLES: readonly Role[] = ['UNIT_HEAD', 'UNIT_REPORTER'];

/**
 * 评议员: an account that can only rate (a panel member of 巡察考核 or 满意度测评). It sees its rating
 * tasks and the rating rounds it sits in, nothing else; every other route refuses it.
 */
export const RATER_ROLE = 'RATER' satisfies Role;

/** Every role but RATER: who may call the ordinary signed-in routes. */
export const ROLES_BUT_RATER: readonly Role[] = ROLES.filter((role) => role !== RATER_ROLE);

/** Whoever acts: the roles a person holds and, for unit roles, their unit. */
export interface RoleHolder {
  roles: readonly Role[];
  unitId?: string;
}

/** True for UNIT_HEAD and UNIT_REPORTER, which count only for the holder's own unit. */
export function isUnitRole(role: Role): boolean {
  return UNIT_ROLES.includes(role);
}

/** True when `holder` holds `role` where `unitId` is concerned: a unit role only for its own unit. */
export function holdsRoleFor(holder: RoleHolder, role: Role, unitId: string): boolean {
  return holder.roles.includes(role) && (!isUnitRole(role) || holder.unitId === unitId);
}

/** True when `holder` acts for `unitId` in one of `roles` ("the head or reporter of this unit"). */
export function actsForUnit(holder: RoleHolder, unitId: string, roles: readonly Role[]): boolean {
  return roles.some((role) => holdsRoleFor(holder, role, unitId));
}

/** True when `holder` holds a district-wide role and so is not confined to one unit (RATER is none: it only rates). */
export function actsDistrictWide(holder: RoleHolder): boolean {
  return holder.roles.some((role) => !isUnitRole(role) && role !== RATER_ROLE);
}

/** True when `holder` may see `unitId`'s records: district-wide roles see every unit, unit people their own. */
export function seesUnit(holder: RoleHolder, unitId: string): boolean {
  return actsDistrictWide(holder) || holder.unitId === unitId;
}
