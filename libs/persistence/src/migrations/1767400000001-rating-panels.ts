import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES_BEFORE = `'UNIT_HEAD', 'UNIT_REPORTER', 'ASSESSOR', 'ORG_DEPT', 'DISCIPLINE', 'LEADERSHIP', 'ADMIN'`;

/**
 * Issue 23, raters beyond the units: the RATER role (评议员, an account that can only rate);
 * a rater's submission (评议提交, after which its ratings of the round are final); personal
 * single-round links for panel members (the token's SHA-256 only, revocable); the reminder
 * button's presses (one row per press, so a press sends its reminders once). A notice addressed
 * to one account (a panel member has no unit to address it by) uses `notifications.recipient_user_id`,
 * added by the weekly dispatch's migration just before.
 */
export class RatingPanels1767400000001 implements MigrationInterface {
  name = 'RatingPanels1767400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_roles_check');
    await queryRunner.query(
      `ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${ROLES_BEFORE}, 'RATER'])`,
    );
    await queryRunner.query(`CREATE TABLE rating_submissions (
      cycle_id text NOT NULL,
      month integer NOT NULL,
      rater text NOT NULL,
      submitted_by text NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (cycle_id, month, rater),
      FOREIGN KEY (cycle_id, month) REFERENCES rating_rounds (cycle_id, month)
    )`);
    await queryRunner.query(`CREATE TABLE rating_links (
      id uuid PRIMARY KEY,
      cycle_id text NOT NULL,
      month integer NOT NULL,
      panel text NOT NULL,
      member text NOT NULL,
      token_sha256 text NOT NULL UNIQUE,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_by text
    )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX uq_rating_links_live ON rating_links (cycle_id, month, member) WHERE revoked_at IS NULL',
    );
    await queryRunner.query(`CREATE TABLE rating_reminder_presses (
      press_id text PRIMARY KEY,
      cycle_id text NOT NULL,
      month integer NOT NULL,
      pressed_by text NOT NULL,
      pressed_at timestamptz NOT NULL DEFAULT now(),
      reminded jsonb NOT NULL
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rating_reminder_presses');
    await queryRunner.query('DROP TABLE rating_links');
    await queryRunner.query('DROP TABLE rating_submissions');
    await queryRunner.query(`DELETE FROM users WHERE roles = ARRAY['RATER']`);
    await queryRunner.query(`UPDATE users SET roles = array_remove(roles, 'RATER')`);
    await queryRunner.query('ALTER TABLE users DROP CONSTRAINT users_roles_check');
    await queryRunner.query(
      `ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${ROLES_BEFORE}])`,
    );
  }
}
