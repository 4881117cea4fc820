import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 24 (三挂), the live part: each month's progress of a key project as its owner unit reports
 * it, and the month each milestone was reached. `reached_month` is set once (a milestone is
 * reached once), which the slip check reads.
 */
export class KeyProjectProgress1767200000000 implements MigrationInterface {
  name = 'KeyProjectProgress1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE key_project_progress (
        cycle_id text NOT NULL,
        project_id text NOT NULL,
        month int NOT NULL CHECK (month BETWEEN 1 AND 12),
        investment double precision NOT NULL CHECK (investment >= 0),
        milestones jsonb NOT NULL DEFAULT '[]',
        reason text,
        evidence text,
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, project_id, month),
        FOREIGN KEY (cycle_id, project_id) REFERENCES key_projects(cycle_id, id)
      )`);
    await queryRunner.query(
      'ALTER TABLE key_project_milestones ADD COLUMN reached_month int CHECK (reached_month BETWEEN 1 AND 12)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE key_project_milestones DROP COLUMN reached_month');
    await queryRunner.query('DROP TABLE key_project_progress');
  }
}
