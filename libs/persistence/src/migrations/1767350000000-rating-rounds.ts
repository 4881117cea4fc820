import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23, rating rounds: one row per (cycle, month) round, open until its deadline; one row per
 * round, indicator and rater (a peer rates as its unit), changed until the round closes.
 */
export class RatingRounds1767350000000 implements MigrationInterface {
  name = 'RatingRounds1767350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE rating_rounds (
      cycle_id text NOT NULL,
      month integer NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      closes_at timestamptz NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      PRIMARY KEY (cycle_id, month)
    )`);
    await queryRunner.query(`CREATE TABLE ratings (
      cycle_id text NOT NULL,
      month integer NOT NULL,
      indicator_id text NOT NULL,
      unit_id text NOT NULL,
      rater_group text NOT NULL,
      rater text NOT NULL,
      score double precision NOT NULL CHECK (score >= 0 AND score <= 100),
      rated_by text NOT NULL,
      rated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (cycle_id, month, indicator_id, rater),
      FOREIGN KEY (cycle_id, month) REFERENCES rating_rounds (cycle_id, month)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE ratings');
    await queryRunner.query('DROP TABLE rating_rounds');
  }
}
