import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 24 (三挂): the key projects a cycle imports, their leaders in command and their planned
 * milestones. Each project belongs to a unit of the cycle and feeds one of that unit's indicators.
 */
export class KeyProjects1767100000000 implements MigrationInterface {
  name = 'KeyProjects1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE key_project_leaders (
        cycle_id text NOT NULL REFERENCES cycles(id),
        id text NOT NULL,
        name text NOT NULL,
        title text NOT NULL,
        PRIMARY KEY (cycle_id, id)
      )`);
    await queryRunner.query(`
      CREATE TABLE key_projects (
        cycle_id text NOT NULL REFERENCES cycles(id),
        id text NOT NULL,
        position int NOT NULL,
        name text NOT NULL,
        unit_id text NOT NULL,
        leader_id text NOT NULL,
        indicator_id text NOT NULL,
        planned_investment double precision NOT NULL CHECK (planned_investment >= 0),
        year_investment double precision NOT NULL CHECK (year_investment >= 0),
        PRIMARY KEY (cycle_id, id),
        FOREIGN KEY (cycle_id, unit_id) REFERENCES units(cycle_id, id),
        FOREIGN KEY (cycle_id, leader_id) REFERENCES key_project_leaders(cycle_id, id),
        FOREIGN KEY (cycle_id, indicator_id) REFERENCES indicators(cycle_id, id)
      )`);
    await queryRunner.query('CREATE INDEX ix_key_projects_unit ON key_projects (cycle_id, unit_id)');
    await queryRunner.query('CREATE INDEX ix_key_projects_leader ON key_projects (cycle_id, leader_id)');
    await queryRunner.query(`
      CREATE TABLE key_project_milestones (
        cycle_id text NOT NULL,
        project_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('signed', 'land', 'started', 'in_statistics', 'completed')),
        due date NOT NULL,
        PRIMARY KEY (cycle_id, project_id, kind),
        FOREIGN KEY (cycle_id, project_id) REFERENCES key_projects(cycle_id, id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE key_project_milestones');
    await queryRunner.query('DROP TABLE key_projects');
    await queryRunner.query('DROP TABLE key_project_leaders');
  }
}
