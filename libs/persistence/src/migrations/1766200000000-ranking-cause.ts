import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 (console gaps): why a ranking version exists as structured data, so that people read
 * it in their own language; versions frozen before have none and keep their English `reason`.
 */
export class RankingCause1766200000000 implements MigrationInterface {
  name = 'RankingCause1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE month_rankings ADD COLUMN cause jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE month_rankings DROP COLUMN cause');
  }
}
