import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (report saves under load): fewer round trips while the audit trail's lock is held.
 *
 * `audit_chain_head` takes the trail's append lock and then reads the chain's head and which
 * event keys are recorded: one round trip instead of two. The read needs a snapshot taken after
 * the lock is granted, which one statement cannot give (its snapshot is taken before it waits);
 * a volatile PL/pgSQL function takes a fresh one for each of its statements.
 *
 * `save_report_drafts` writes a batch of drafts where each row allows it, takes the lock, reads
 * the head, and names the saved drafts whose month was ranked meanwhile: one round trip for what
 * took four. The caller still computes the chain's hashes and appends the audit rows.
 */
export class AuditChainFunctions1766800000000 implements MigrationInterface {
  name = 'AuditChainFunctions1766800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_head(lock_key bigint, event_keys text[])
      RETURNS TABLE (seq bigint, hash text, recorded text[])
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        RETURN QUERY
          SELECT last.seq, last.hash,
                 ARRAY(SELECT a.event_key FROM audit_log a WHERE a.event_key = ANY(event_keys))
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (SELECT a.seq, a.hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1) AS last ON true;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION save_report_drafts(lock_key bigint, drafts jsonb, editable text[])
      RETURNS jsonb
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        saved jsonb;
        head record;
        ranked jsonb;
      BEGIN
        WITH updated AS (
          UPDATE reports r
             SET "values" = d."values", texts = COALESCE(d.texts, r.texts), status = 'draft', updated_at = now()
            FROM jsonb_to_recordset(drafts)
                 AS d(i int, cycle_id text, unit_id text, month int, "values" jsonb, texts jsonb)
           WHERE r.cycle_id = d.cycle_id AND r.unit_id = d.unit_id AND r.month = d.month
             AND r.status = ANY(editable)
             AND now() <= COALESCE(r.deadline_at, r.due_at)
             AND NOT EXISTS (SELECT 1 FROM month_rankings m WHERE m.cycle_id = r.cycle_id AND m.month = r.month)
          RETURNING d.i, r.cycle_id, r.month, r.status, r."values", r.texts, r.ratings, r.due_at, r.deadline_at,
                    r.late, r.submitted_by, r.submitted_at, r.confirmed_by, r.reached_at, r.head_comment,
                    r.reviewed_by, r.review_comment
        )
        SELECT COALESCE(jsonb_agg(to_jsonb(updated)), '[]'::jsonb) INTO saved FROM updated;
        SELECT * INTO head FROM audit_chain_head(lock_key, '{}'::text[]);
        SELECT COALESCE(jsonb_agg(s.i), '[]'::jsonb) INTO ranked
          FROM jsonb_to_recordset(saved) AS s(i int, cycle_id text, month int)
         WHERE EXISTS (SELECT 1 FROM month_rankings m WHERE m.cycle_id = s.cycle_id AND m.month = s.month);
        RETURN jsonb_build_object('saved', saved, 'headSeq', head.seq, 'headHash', head.hash, 'ranked', ranked);
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION save_report_drafts(bigint, jsonb, text[])');
    await queryRunner.query('DROP FUNCTION audit_chain_head(bigint, text[])');
  }
}
