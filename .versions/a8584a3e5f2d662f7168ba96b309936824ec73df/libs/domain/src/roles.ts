import { z } from 'zod';

/** The roles of DOMAIN.md; `UNIT_*` roles are always scoped to one unit. */
export const ROLES = [
  'UNIT_HEAD',
  'UNIT_REPORTER',
  'ASSESSOR',
  'ORG_DEPT',
  'DISCIPLINE',
  'LEADERSHIP',
  'ADMIN',
] as const;

export type Role = (typeof ROLES)[number];

/** One of `ROLES`, with a message listing them. */
export const roleSchema = z.enum(ROLES, {
  errorMap: () => ({ message: `expected one of the roles ${ROLES.join(', ')}` }),
});
