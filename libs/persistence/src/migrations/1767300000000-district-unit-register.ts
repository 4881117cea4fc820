import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: unit ids were global across cycles only by accident (a head bound to `u01` acted for
 * whatever `u01` named in a later cycle). The register holds each id's one unit; it is filled
 * from the cycles there are (the earliest cycle's name wins; an id spelt in two cases keeps the
 * earlier, since ids are unique case-folded).
 */
export class DistrictUnitRegister1767300000000 implements MigrationInterface {
  name = 'DistrictUnitRegister1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE district_units (
        id text PRIMARY KEY,
        name text NOT NULL,
        category_id text NOT NULL,
        first_cycle_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_district_units_folded_id ON district_units (lower(id))`);
    await queryRunner.query(`
      INSERT INTO district_units (id, name, category_id, first_cycle_id, created_at)
      SELECT units.id, units.name, units.category_id, units.cycle_id, cycles.created_at
        FROM units JOIN cycles ON cycles.id = units.cycle_id
       ORDER BY cycles.created_at, units.id
      ON CONFLICT DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE district_units');
  }
}
