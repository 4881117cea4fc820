import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: what the import kept dropping (units' head and deputy, indicators' basis and
 * cooperating units), the report's texts and head confirmation, the person a case concerns,
 * the month a veto recorded late applies from, and evidence files with their checksum.
 */
export class FairMonthCompleteReport1765300000000 implements MigrationInterface {
  name = 'FairMonthCompleteReport1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE units ADD COLUMN head text, ADD COLUMN deputy text');
    await queryRunner.query(
      `ALTER TABLE indicators ADD COLUMN basis text, ADD COLUMN cooperating jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(
      `ALTER TABLE reports ADD COLUMN texts jsonb, ADD COLUMN confirmed_by text, ADD COLUMN reached_at timestamptz,
         ADD COLUMN head_comment text`,
    );
    await queryRunner.query(`ALTER TABLE cases ADD COLUMN concerns jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query('ALTER TABLE supervision_items ADD COLUMN indicator_id text');
    await queryRunner.query('ALTER TABLE vetoes ADD COLUMN effective_month int');
    await queryRunner.query('UPDATE vetoes SET effective_month = month');
    await queryRunner.query('ALTER TABLE vetoes ALTER COLUMN effective_month SET NOT NULL');
    await queryRunner.query(
      `CREATE TABLE evidence_files (
         id uuid PRIMARY KEY,
         cycle_id text NOT NULL,
         unit_id text NOT NULL,
         month int NOT NULL,
         file_name text NOT NULL,
         content_type text NOT NULL,
         size_bytes int NOT NULL,
         sha256 text NOT NULL,
         storage_key text NOT NULL,
         uploaded_by text NOT NULL,
         uploaded_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query('CREATE INDEX ix_evidence_files_report ON evidence_files (cycle_id, unit_id, month)');
    await queryRunner.query('CREATE TABLE evidence_blobs (storage_key text PRIMARY KEY, content bytea NOT NULL)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE evidence_blobs');
    await queryRunner.query('DROP TABLE evidence_files');
    await queryRunner.query('ALTER TABLE vetoes DROP COLUMN effective_month');
    await queryRunner.query('ALTER TABLE supervision_items DROP COLUMN indicator_id');
    await queryRunner.query('ALTER TABLE cases DROP COLUMN concerns');
    await queryRunner.query(
      'ALTER TABLE reports DROP COLUMN texts, DROP COLUMN confirmed_by, DROP COLUMN reached_at, DROP COLUMN head_comment',
    );
    await queryRunner.query('ALTER TABLE indicators DROP COLUMN basis, DROP COLUMN cooperating');
    await queryRunner.query('ALTER TABLE units DROP COLUMN head, DROP COLUMN deputy');
  }
}
