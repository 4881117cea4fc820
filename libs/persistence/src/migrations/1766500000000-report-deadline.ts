import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: the API saves drafts straight to the report's row, so the row must say until when the
 * unit may still change it: its due date, or the resubmission deadline once returned (which only
 * the unit's workflow knew). Null on rows written before: their due date holds.
 */
export class ReportDeadline1766500000000 implements MigrationInterface {
  name = 'ReportDeadline1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE reports ADD COLUMN deadline_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE reports DROP COLUMN deadline_at');
  }
}
