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

// Answers

export const auditEntryView = z.object({
  seq: z.number(),
  occurredAt: z.iso.datetime().describe('UTC'),
  actor: z.string().describe('A user id, or system:<what> when no person acted'),
  role: z.string().nullable().describe('The role the actor acted in'),
  action: z.string().meta({ example: 'pledge.signed' }),
  subject: z.string().meta({ example: 'cycles/2026-x/units/u01/pledge' }),
  cycleId: z.string().nullable(),
  unitId: z.string().nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable().describe('x-request-id of the request that carried the change'),
  workflowId: z.string().nullable(),
  runId: z.string().nullable(),
  change: z.record(z.string(), z.unknown()).nullable().describe('What changed'),
  changeDigest: z.string().describe('SHA-256 of the canonical JSON of change'),
  prevHash: z.string(),
  hash: z.string().describe("SHA-256 of prevHash and this row's canonical content"),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditPage = z.object({
  entries: z.array(auditEntryView).describe('Newest first'),
  nextBeforeSeq: z
    .number()
    .nullable()
    .describe('Pass as beforeSeq for the next (older) page; null at the start of the trail'),
});
export type AuditPage = z.infer<typeof auditPage>;

export const chainBreakView = z.object({
  seq: z.number().describe('The first row at which the chain breaks'),
  problem: z.enum(['sequence_gap', 'prev_hash_mismatch', 'change_digest_mismatch', 'hash_mismatch']),
  message: z.string(),
});
export type ChainBreakView = z.infer<typeof chainBreakView>;

export const auditVerificationView = z.object({
  ok: z.boolean(),
  rowsChecked: z.number(),
  lastGoodSeq: z.number().nullable(),
  lastGoodHash: z.string(),
  firstBreak: chainBreakView.nullable(),
});
export type AuditVerificationView = z.infer<typeof auditVerificationView>;
