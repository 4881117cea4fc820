import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A case's outcome deadline (the rule's `dueWithin` after approval) and whether it passed unmet. */
export class CaseOutcomeDeadline1764100000000 implements MigrationInterface {
  name = 'CaseOutcomeDeadline1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE cases ADD COLUMN outcome_due_at timestamptz, ADD COLUMN overdue boolean NOT NULL DEFAULT false',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cases DROP COLUMN outcome_due_at, DROP COLUMN overdue');
  }
}
