import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 24 (三挂), weekly dispatch (每周调度): the owner unit's weekly note on each key project of a
 * category the policy dispatches weekly, once per project and week, and the supervision item an
 * assessor may make of its problems.
 */
export class WeeklyDispatch1767400000000 implements MigrationInterface {
  name = 'WeeklyDispatch1767400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE key_project_weekly_notes (
        cycle_id text NOT NULL,
        project_id text NOT NULL,
        week int NOT NULL CHECK (week BETWEEN 1 AND 60),
        unit_id text NOT NULL,
        investment double precision NOT NULL CHECK (investment >= 0),
        milestone_news text,
        problems text,
        sent_by text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        supervision_item_id text,
        PRIMARY KEY (cycle_id, project_id, week),
        FOREIGN KEY (cycle_id, project_id) REFERENCES key_projects(cycle_id, id)
      )`);
    await queryRunner.query('CREATE INDEX key_project_weekly_notes_week ON key_project_weekly_notes (cycle_id, week)');
    // A leader's monthly portfolio notice is for that one person, not every LEADERSHIP account.
    await queryRunner.query('ALTER TABLE notifications ADD COLUMN recipient_user_id text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notifications DROP COLUMN recipient_user_id');
    await queryRunner.query('DROP TABLE key_project_weekly_notes');
  }
}
