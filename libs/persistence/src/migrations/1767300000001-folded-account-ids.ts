import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: account ids are unique case-folded (`ZT-HEAD-A1` beside `zt-head-a1` is one id). The
 * API checks it before writing; this index holds it under races too. An install that already
 * holds two such accounts keeps working without the index (the API's check still refuses new
 * look-alikes) until an administrator renames one.
 */
export class FoldedAccountIds1767300000001 implements MigrationInterface {
  name = 'FoldedAccountIds1767300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM users GROUP BY lower(id) HAVING count(*) > 1) THEN
          CREATE UNIQUE INDEX uq_users_folded_id ON users (lower(id));
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS uq_users_folded_id');
  }
}
