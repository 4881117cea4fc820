import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The district's own settings, one row a setting, beside the cycles (a cycle's policy is fixed at
 * its import; these change while a year runs): first, whether public board links are on.
 */
export class DistrictSettings1767400000002 implements MigrationInterface {
  name = 'DistrictSettings1767400000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE district_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE district_settings');
  }
}
