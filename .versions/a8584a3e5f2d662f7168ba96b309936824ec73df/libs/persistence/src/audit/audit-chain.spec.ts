import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditRowHash,
  canonicalJson,
  chainRow,
  GENESIS_HASH,
  verifyAuditChain,
  type AuditRowDraft,
  type ChainedAuditRow,
} from './audit-chain';

const draft = (index: number, change: Record<string, unknown> | null = { index }): AuditRowDraft => ({
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
  actorId: index % 2 ? 'head-u01' : 'system:workflow',
  actorRole: index % 2 ? 'UNIT_HEAD' : null,
  action: 'pledge.signed',
  subject: `cycles/2026-x/units/u0${index % 8}/pledge`,
  cycleId: '2026-x',
  unitId: `u0${index % 8}`,
  reason: null,
  requestId: index % 2 ? `req-${index}` : null,
  workflowId: 'cycle-2026-x/unit-u01',
  runId: 'run-1',
  change,
  eventKey: null,
});

function chainOf(length: number): ChainedAuditRow[] {
  const rows: ChainedAuditRow[] = [];
  for (let index = 0; index < length; index += 1) rows.push(chainRow(rows.at(-1) ?? null, draft(index)));
  return rows;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('drops undefined members and writes dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, at: new Date(Date.UTC(2026, 2, 1)) })).toBe(
      '{"at":"2026-03-01T00:00:00.000Z"}',
    );
  });

  it('gives equal text for equal content whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
      }),
    );
  });
});

describe('the audit hash chain', () => {
  it('starts at the genesis hash and links every row to the one before', () => {
    const rows = chainOf(3);
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[2].prevHash).toBe(rows[1].hash);
    expect(rows[2].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an intact chain, and an empty one', () => {
    expect(verifyAuditChain(chainOf(5))).toMatchObject({ ok: true, rowsChecked: 5, lastGoodSeq: 5, firstBreak: null });
    expect(verifyAuditChain([])).toEqual({
      ok: true,
      rowsChecked: 0,
      lastGoodSeq: null,
      lastGoodHash: GENESIS_HASH,
      firstBreak: null,
    });
  });

  it('names the row whose content was edited', () => {
    const rows = chainOf(5);
    rows[2] = { ...rows[2], actorId: 'someone-else' };
    expect(verifyAuditChain(rows)).toMatchObject({
      ok: false,
      rowsChecked: 2,
      lastGoodSeq: 2,
      firstBreak: { seq: 3, problem: 'hash_mismatch' },
    });
  });

  it('names the row whose change no longer matches its digest', () => {
    const rows = chainOf(4);
    rows[1] = { ...rows[1], change: { index: 99 } };
    expect(verifyAuditChain(rows).firstBreak).toMatchObject({ seq: 2, problem: 'change_digest_mismatch' });
  });

  it('finds an edited row even when the forger rehashed it: the next link breaks', () => {
    const rows = chainOf(4);
    const forged = { ...rows[1], reason: 'never happened' };
    rows[1] = { ...forged, hash: auditRowHash(forged) };
    expect(verifyAuditChain(rows).firstBreak).toMatchObject({ seq: 3, problem: 'prev_hash_mismatch' });
  });

  it('finds a deleted row and rows put out of order', () => {
    const rows = chainOf(5);
    expect(verifyAuditChain([...rows.slice(0, 2), ...rows.slice(3)]).firstBreak).toMatchObject({
      seq: 4,
      problem: 'sequence_gap',
    });
    expect(verifyAuditChain([rows[0], rows[2], rows[1]]).firstBreak).toMatchObject({ seq: 3, problem: 'sequence_gap' });
    expect(verifyAuditChain(rows.slice(1)).firstBreak).toMatchObject({ seq: 2, problem: 'sequence_gap' });
  });

  it('hashes what jsonb gives back: key order and undefined members do not matter', () => {
    const row = chainRow(null, draft(1, { b: 2, a: 1, gone: undefined }));
    const roundTripped = { ...row, change: { a: 1, b: 2 } };
    expect(verifyAuditChain([roundTripped]).ok).toBe(true);
  });

  it('detects any single-field edit of any row', () => {
    const fields = [
      'occurredAt',
      'actorId',
      'actorRole',
      'action',
      'subject',
      'cycleId',
      'unitId',
      'reason',
      'requestId',
      'workflowId',
      'runId',
      'eventKey',
    ] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom(...fields),
        fc.string({ minLength: 1 }),
        (index, field, value) => {
          const rows = chainOf(6);
          fc.pre(rows[index][field] !== value);
          rows[index] = { ...rows[index], [field]: value };
          expect(verifyAuditChain(rows).firstBreak?.seq).toBe(index + 1);
        },
      ),
    );
  });
});
