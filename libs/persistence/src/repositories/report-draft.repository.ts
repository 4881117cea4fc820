import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EDITABLE_REPORT_STATUSES, type ReportStatus, type ReportTexts, type ReportValues } from '@jiebang/contracts';
import { appendAuditEntries, type AuditEntry } from '../audit';
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
  due_at: Date;
  deadline_at: Date | null;
  late: boolean;
  submitted_by: string | null;
  submitted_at: Date | null;
  confirmed_by: string | null;
  reached_at: Date | null;
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
   * One transaction for the batch: one UPDATE for all its drafts, one append of their audit rows,
   * one look for rankings. When the UPDATE fails on some draft's data, the batch is written again
   * with each draft in a savepoint of its own, so that draft alone fails. Drafts whose month was
   * ranked meanwhile are dropped (answered null) and the others written again.
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
          const updated = isolated
            ? await updateEachInItsSavepoint(manager, pending, remaining)
            : await updateTogether(manager, pending, remaining);
          const saved = remaining.filter((index) => isSavedRow(updated.get(index)));
          const rowOf = (index: number) => updated.get(index) as SavedDraftRow;
          await appendAuditEntries(
            manager,
            saved.map((index) => pending[index]!.audit(rowOf(index))),
          );
          const ranked = await rankedMeanwhile(manager, saved, pending);
          if (ranked.size > 0) throw new MonthRankedMeanwhile(ranked);
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

function savedDraftRow(row: RawDraftRow): SavedDraftRow {
  return {
    status: row.status,
    values: row.values,
    texts: row.texts,
    ratings: row.ratings,
    dueAt: row.due_at,
    deadlineAt: row.deadline_at,
    late: row.late,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    confirmedBy: row.confirmed_by,
    reachedAt: row.reached_at,
    headComment: row.head_comment,
    reviewedBy: row.reviewed_by,
    reviewComment: row.review_comment,
  };
}

const RETURNED_COLUMNS = `r.status, r."values", r.texts, r.ratings, r.due_at, r.deadline_at, r.late, r.submitted_by,
  r.submitted_at, r.confirmed_by, r.reached_at, r.head_comment, r.reviewed_by, r.review_comment`;

/**
 * The drafts' rows updated by one statement, each where the row allows it (the conditions of
 * saveDraft); a draft whose row does not allow it is absent from the answer. The batch never
 * holds two drafts of one report (GroupCommit's key), so each row is joined to one draft.
 */
const UPDATE_DRAFTS = `
  UPDATE reports r
     SET "values" = d."values", texts = COALESCE(d.texts, r.texts), status = 'draft', updated_at = now()
    FROM jsonb_to_recordset($1::jsonb) AS d(i int, cycle_id text, unit_id text, month int, "values" jsonb, texts jsonb)
   WHERE r.cycle_id = d.cycle_id AND r.unit_id = d.unit_id AND r.month = d.month
     AND r.status = ANY($2)
     AND now() <= COALESCE(r.deadline_at, r.due_at)
     AND NOT EXISTS (SELECT 1 FROM month_rankings m WHERE m.cycle_id = r.cycle_id AND m.month = r.month)
  RETURNING d.i, ${RETURNED_COLUMNS}`;

/** What the UPDATE made of each draft of the batch, by index: its saved row, or nothing (not allowed). */
type UpdatedDrafts = Map<number, SavedDraftRow | null | Error>;

async function updateTogether(
  manager: EntityManager,
  pending: PendingDraft[],
  indexes: number[],
): Promise<UpdatedDrafts> {
  const drafts = indexes.map((i) => {
    const { cycleId, unitId, month, values, texts } = pending[i]!.draft;
    return { i, cycle_id: cycleId, unit_id: unitId, month, values, texts };
  });
  const [rows] = (await manager.query(UPDATE_DRAFTS, [JSON.stringify(drafts), EDITABLE_REPORT_STATUSES])) as [
    Array<RawDraftRow & { i: number }>,
    number,
  ];
  const updated: UpdatedDrafts = new Map(indexes.map((index) => [index, null]));
  for (const row of rows) updated.set(row.i, savedDraftRow(row));
  return updated;
}

/** The slow path after a data error: each draft in a savepoint of its own, so the one at fault fails alone. */
async function updateEachInItsSavepoint(
  manager: EntityManager,
  pending: PendingDraft[],
  indexes: number[],
): Promise<UpdatedDrafts> {
  const updated: UpdatedDrafts = new Map();
  for (const index of indexes) {
    await manager.query('SAVEPOINT report_draft');
    try {
      updated.set(index, (await updateTogether(manager, pending, [index])).get(index) ?? null);
      await manager.query('RELEASE SAVEPOINT report_draft');
    } catch (error) {
      if (!DATA_ERROR_CLASSES.has(sqlStateClassOf(error) ?? '')) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT report_draft');
      updated.set(index, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return updated;
}

/** The saved drafts whose month has a ranking, looked for under the audit trail's lock. */
async function rankedMeanwhile(manager: EntityManager, saved: number[], pending: PendingDraft[]): Promise<Set<number>> {
  if (saved.length === 0) return new Set();
  const months = saved.map((index) => ({
    cycle_id: pending[index]!.draft.cycleId,
    month: pending[index]!.draft.month,
  }));
  const ranked = (await manager.query(
    `SELECT DISTINCT m.cycle_id, m.month
       FROM month_rankings m JOIN jsonb_to_recordset($1::jsonb) AS d(cycle_id text, month int)
         ON m.cycle_id = d.cycle_id AND m.month = d.month`,
    [JSON.stringify(months)],
  )) as Array<{ cycle_id: string; month: number }>;
  const rankedMonths = new Set(ranked.map((row) => `${row.cycle_id}\n${row.month}`));
  return new Set(
    saved.filter((index) => rankedMonths.has(`${pending[index]!.draft.cycleId}\n${pending[index]!.draft.month}`)),
  );
}

function isSavedRow(result: SavedDraftRow | null | Error | undefined): result is SavedDraftRow {
  return result !== null && result !== undefined && !(result instanceof Error);
}
