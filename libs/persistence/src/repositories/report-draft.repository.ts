import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EDITABLE_REPORT_STATUSES, type ReportStatus, type ReportTexts, type ReportValues } from '@jiebang/contracts';
import {
  appendAuditEntriesAfter,
  AUDIT_APPEND_LOCK,
  auditChainHeadOf,
  type AuditChainHead,
  type AuditEntry,
} from '../audit';
import { GroupCommit, type ItemOutcome } from '../group-commit';
import { sqlStateClassOf } from '../sql-state';

/** A unit's draft of a monthly report; `texts` null keeps the texts stored before. */
export interface ReportDraft {
  cycleId: string;
  unitId: string;
  month: number;
  values: ReportValues;
  texts: ReportTexts | null;
}

/** The row of a saved draft, as the API answers it. */
export interface SavedDraftRow {
  status: ReportStatus;
  values: ReportValues | null;
  texts: ReportTexts | null;
  ratings: ReportValues;
  dueAt: Date;
  deadlineAt: Date | null;
  late: boolean;
  submittedBy: string | null;
  submittedAt: Date | null;
  confirmedBy: string | null;
  reachedAt: Date | null;
  headComment: string | null;
  reviewedBy: string | null;
  reviewComment: string | null;
}

interface RawDraftRow {
  status: ReportStatus;
  values: ReportValues;
  texts: ReportTexts | null;
  ratings: ReportValues;
  due_at: string;
  deadline_at: string | null;
  late: boolean;
  submitted_by: string | null;
  submitted_at: string | null;
  confirmed_by: string | null;
  reached_at: string | null;
  head_comment: string | null;
  reviewed_by: string | null;
  review_comment: string | null;
}

/** A draft waiting for its batch, with the audit row it is recorded by once its row is known. */
interface PendingDraft {
  draft: ReportDraft;
  audit: (row: SavedDraftRow) => AuditEntry;
}

type DraftOutcome = ItemOutcome<SavedDraftRow | null>;

/**
 * At most this many drafts share a transaction. At 200 saves a second a batch holds a handful;
 * the bound keeps a burst's statement small and its hold on the audit trail's lock short.
 */
const DRAFTS_PER_BATCH = 64;

/** A batch that met a deadlock or a serialization failure is written again, at most this many times. */
const ATTEMPTS_AFTER_CONFLICT = 3;

/**
 * SQLSTATE classes of an error caused by the data of one draft rather than by the database:
 * 22 data exception (a NUL in a text), 23 integrity constraint violation, 54 program limit exceeded.
 */
const DATA_ERROR_CLASSES = new Set(['22', '23', '54']);
/** 40: transaction rollback (a deadlock with a month close's bulk update, a serialization failure). */
const CONFLICT_CLASS = '40';

/** Thrown inside a batch's transaction to undo it: these drafts' months were ranked while the batch was written. */
class MonthRankedMeanwhile extends Error {
  constructor(readonly indexes: ReadonlySet<number>) {
    super('a month was ranked while its drafts were written');
  }
}

/**
 * Drafts of monthly reports, written by the API straight to the report's row (the unit's workflow
 * owns every other change of a report, submissions included).
 */
@Injectable()
export class ReportDraftRepository {
  private readonly batches = new GroupCommit<PendingDraft, SavedDraftRow | null>({
    maxBatch: DRAFTS_PER_BATCH,
    keyOf: ({ draft }) => `${draft.cycleId}\n${draft.unitId}\n${draft.month}`,
    write: (pending) => this.writeBatch(pending),
  });

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Saves the draft with its audit row, when the row says the unit's workflow would take it: the
   * report still the unit's to change (open, draft, sent back or returned), its deadline not
   * passed, its month not ranked. The conditions sit in the UPDATE itself, so a submission or a
   * close written at the same moment comes wholly before or wholly after the draft; the ranking is
   * looked for again once the audit trail's lock is held, because a ranking appends its audit row
   * last in its transaction. Returns null when the row does not allow the draft (or does not exist
   * yet): the caller then asks the workflow, which decides and says why.
   *
   * Drafts are group-committed: those saved while a batch is being written go together into the
   * next transaction, which appends all their audit rows at once, so concurrent saves share one
   * hold of the audit trail's lock and one commit instead of queueing for it. Each draft still
   * commits with its own audit row, and is answered after the commit; a failed commit fails every
   * draft of its batch with the same error.
   */
  saveDraft(draft: ReportDraft, audit: (row: SavedDraftRow) => AuditEntry): Promise<SavedDraftRow | null> {
    return this.batches.submit({ draft, audit });
  }

  /**
   * One transaction for the batch: one call of `save_report_drafts` (the UPDATE of all its drafts,
   * the audit trail's lock and head, the look for rankings), then one append of their audit rows.
   * When the UPDATE fails on some draft's data, the batch is written again with each draft in a
   * savepoint of its own, so that draft alone fails. Drafts whose month was ranked meanwhile are
   * dropped (answered null) and the others written again.
   */
  private async writeBatch(pending: PendingDraft[]): Promise<DraftOutcome[]> {
    const outcomes: DraftOutcome[] = pending.map(() => ({ ok: true, value: null }));
    let remaining = pending.map((_, index) => index);
    // A lone draft needs no savepoint: the batch's failure is its own.
    let isolated = false;
    let conflicts = 0;
    for (;;) {
      if (remaining.length === 0) return outcomes;
      try {
        const written = await this.dataSource.transaction(async (manager) => {
          const { updated, head, ranked } = isolated
            ? await saveEachInItsSavepoint(manager, pending, remaining)
            : await saveTogether(manager, pending, remaining);
          if (ranked.size > 0) throw new MonthRankedMeanwhile(ranked);
          const saved = remaining.filter((index) => isSavedRow(updated.get(index)));
          const rowOf = (index: number) => updated.get(index) as SavedDraftRow;
          await appendAuditEntriesAfter(
            manager,
            head,
            saved.map((index) => pending[index]!.audit(rowOf(index))),
          );
          return updated;
        });
        for (const [index, result] of written)
          outcomes[index] = result instanceof Error ? { ok: false, error: result } : { ok: true, value: result };
        return outcomes;
      } catch (error) {
        const sqlState = sqlStateClassOf(error) ?? '';
        if (error instanceof MonthRankedMeanwhile) remaining = remaining.filter((index) => !error.indexes.has(index));
        else if (!isolated && remaining.length > 1 && DATA_ERROR_CLASSES.has(sqlState)) isolated = true;
        else if (sqlState === CONFLICT_CLASS && ++conflicts <= ATTEMPTS_AFTER_CONFLICT) continue;
        else throw error;
      }
    }
  }

  /** The stored texts of a report, or null (none yet, or no row yet). */
  async textsOf(cycleId: string, unitId: string, month: number): Promise<ReportTexts | null> {
    const [row] = (await this.dataSource.query(
      'SELECT texts FROM reports WHERE cycle_id = $1 AND unit_id = $2 AND month = $3',
      [cycleId, unitId, month],
    )) as Array<{ texts: ReportTexts | null }>;
    return row?.texts ?? null;
  }

  /** The unit's saved drafts by month (rows whose status is `draft`). */
  async draftsOf(
    cycleId: string,
    unitId: string,
  ): Promise<Map<number, { values: ReportValues | null; texts: ReportTexts | null }>> {
    const rows = (await this.dataSource.query(
      `SELECT month, values, texts FROM reports WHERE cycle_id = $1 AND unit_id = $2 AND status = 'draft'`,
      [cycleId, unitId],
    )) as Array<{ month: number; values: ReportValues | null; texts: ReportTexts | null }>;
    return new Map(rows.map((row) => [row.month, { values: row.values, texts: row.texts }]));
  }
}

/** A saved row as `save_report_drafts` gives it back (jsonb: timestamps as text). */
function savedDraftRow(row: RawDraftRow): SavedDraftRow {
  return {
    status: row.status,
    values: row.values,
    texts: row.texts,
    ratings: row.ratings,
    dueAt: new Date(row.due_at),
    deadlineAt: dateOrNull(row.deadline_at),
    late: row.late,
    submittedBy: row.submitted_by,
    submittedAt: dateOrNull(row.submitted_at),
    confirmedBy: row.confirmed_by,
    reachedAt: dateOrNull(row.reached_at),
    headComment: row.head_comment,
    reviewedBy: row.reviewed_by,
    reviewComment: row.review_comment,
  };
}

function dateOrNull(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}

/**
 * What writing some drafts came to: each draft's saved row, or nothing (its row does not allow
 * it), or its own failure; the audit chain's head, read under the lock the transaction now holds;
 * and the saved drafts whose month was ranked meanwhile.
 */
interface DraftsWritten {
  updated: Map<number, SavedDraftRow | null | Error>;
  head: AuditChainHead;
  ranked: Set<number>;
}

interface SaveReportDraftsAnswer {
  saved: Array<RawDraftRow & { i: number }>;
  headSeq: number | null;
  headHash: string | null;
  ranked: number[];
}

/**
 * The drafts written by one call of `save_report_drafts`, each where its row allows it (the
 * conditions of saveDraft). The batch never holds two drafts of one report (GroupCommit's key),
 * so each row is joined to one draft.
 */
async function saveTogether(
  manager: EntityManager,
  pending: PendingDraft[],
  indexes: number[],
): Promise<DraftsWritten> {
  const drafts = indexes.map((i) => {
    const { cycleId, unitId, month, values, texts } = pending[i]!.draft;
    return { i, cycle_id: cycleId, unit_id: unitId, month, values, texts };
  });
  const [{ answer }] = (await manager.query('SELECT save_report_drafts($1, $2::jsonb, $3) AS answer', [
    AUDIT_APPEND_LOCK,
    JSON.stringify(drafts),
    EDITABLE_REPORT_STATUSES,
  ])) as [{ answer: SaveReportDraftsAnswer }];
  const updated: DraftsWritten['updated'] = new Map(indexes.map((index) => [index, null]));
  for (const row of answer.saved) updated.set(row.i, savedDraftRow(row));
  return { updated, head: auditChainHeadOf(answer.headSeq, answer.headHash), ranked: new Set(answer.ranked) };
}

/** The slow path after a data error: each draft in a savepoint of its own, so the one at fault fails alone. */
async function saveEachInItsSavepoint(
  manager: EntityManager,
  pending: PendingDraft[],
  indexes: number[],
): Promise<DraftsWritten> {
  const written: DraftsWritten = { updated: new Map(), head: null, ranked: new Set() };
  for (const index of indexes) {
    await manager.query('SAVEPOINT report_draft');
    try {
      const one = await saveTogether(manager, pending, [index]);
      await manager.query('RELEASE SAVEPOINT report_draft');
      written.updated.set(index, one.updated.get(index) ?? null);
      // Each call read the head under the lock held since the first one, so the last is current.
      written.head = one.head;
      for (const ranked of one.ranked) written.ranked.add(ranked);
    } catch (error) {
      if (!DATA_ERROR_CLASSES.has(sqlStateClassOf(error) ?? '')) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT report_draft');
      written.updated.set(index, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return written;
}

function isSavedRow(result: SavedDraftRow | null | Error | undefined): result is SavedDraftRow {
  return result !== null && result !== undefined && !(result instanceof Error);
}
