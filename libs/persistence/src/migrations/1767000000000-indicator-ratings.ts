import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 23, ratings by many: an imported indicator keeps its raters, rated months and the value
 * below which it is deemed failed (视为不合格), so the live month close scores it as `jiebang
 * simulate` does. Null on indicators imported before, and on those without them.
 */
export class IndicatorRatings1767000000000 implements MigrationInterface {
  name = 'IndicatorRatings1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE indicators ADD COLUMN raters jsonb, ADD COLUMN rated_months jsonb, ADD COLUMN fail_below double precision',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE indicators DROP COLUMN raters, DROP COLUMN rated_months, DROP COLUMN fail_below',
    );
  }
}
