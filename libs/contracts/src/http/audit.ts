import { z } from 'zod';
import { token, wholeNumberQuery } from './fields';

const filter = token(200).optional();
const dateOrInstant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** Filters of GET /audit; every one optional, combined with AND. */
export const auditQuery = z.strictObject({
  unitId: filter.meta({ example: 'u01' }),
  cycleId: filter.meta({ example: '2026-scenario-2026' }),
  actor: filter.describe('A user id, or system:workflow / system:demo-import'),
  action: filter.describe('Exact action, or a prefix ending in "." (e.g. "report.")'),
  from: dateOrInstant.optional().describe('From this instant (inclusive)'),
  to: dateOrInstant.optional().describe('Until this instant (exclusive)'),
  beforeSeq: wholeNumberQuery(1, Number.MAX_SAFE_INTEGER)
    .optional()
    .describe('Rows older than this seq (paging back: pass nextBeforeSeq)'),
  limit: wholeNumberQuery(1, 500).optional().describe('At most this many rows (default 100)'),
});

export type AuditQuery = z.infer<typeof auditQuery>;
