import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 26: the API reads a unit's year from Postgres, not by a Query to its workflow, so the
 * report row holds all the workflow knows of the report, its extension request too. Rows written
 * before this hold none until their workflow writes them again.
 */
export class ReportExtension1767400000003 implements MigrationInterface {
  name = 'ReportExtension1767400000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE reports ADD COLUMN IF NOT EXISTS extension jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE reports DROP COLUMN IF EXISTS extension');
  }
}
