import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cycles and their catalogue, pledges, and the notification / escalation outboxes. */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cycles (
        id text PRIMARY KEY,
        name text NOT NULL,
        year int NOT NULL,
        policy jsonb NOT NULL,
        periods jsonb NOT NULL,
        scenario_digest text NOT NULL,
        pledge_opened_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE categories (
        cycle_id text NOT NULL REFERENCES cycles(id),
        id text NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (cycle_id, id)
      )`);
    await queryRunner.query(`
      CREATE TABLE units (
        cycle_id text NOT NULL REFERENCES cycles(id),
        id text NOT NULL,
        name text NOT NULL,
        category_id text NOT NULL,
        workflow_id text NOT NULL,
        PRIMARY KEY (cycle_id, id),
        FOREIGN KEY (cycle_id, category_id) REFERENCES categories(cycle_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_units_category ON units (cycle_id, category_id)`);
    await queryRunner.query(`
      CREATE TABLE indicators (
        cycle_id text NOT NULL REFERENCES cycles(id),
        id text NOT NULL,
        unit_id text NOT NULL,
        name text NOT NULL,
        dimension text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('increase', 'decrease')),
        measure text NOT NULL CHECK (measure IN ('cumulative', 'rate')),
        weight double precision NOT NULL,
        satisfactory double precision NOT NULL,
        disallowed double precision NOT NULL,
        plan jsonb,
        PRIMARY KEY (cycle_id, id),
        FOREIGN KEY (cycle_id, unit_id) REFERENCES units(cycle_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_indicators_unit ON indicators (cycle_id, unit_id)`);
    await queryRunner.query(`
      CREATE TABLE pledges (
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        signed_by text NOT NULL,
        signed_at timestamptz NOT NULL,
        late boolean NOT NULL,
        PRIMARY KEY (cycle_id, unit_id),
        FOREIGN KEY (cycle_id, unit_id) REFERENCES units(cycle_id, id)
      )`);
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        cycle_id text NOT NULL REFERENCES cycles(id),
        unit_id text,
        kind text NOT NULL,
        recipient_role text NOT NULL,
        subject text NOT NULL,
        due_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_notifications_key ON notifications (key)`);
    await queryRunner.query(`CREATE INDEX ix_notifications_unit ON notifications (cycle_id, unit_id)`);
    await queryRunner.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        cycle_id text NOT NULL REFERENCES cycles(id),
        unit_id text NOT NULL,
        addressed_to text NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        opened_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_escalations_key ON escalations (key)`);
    await queryRunner.query(`CREATE INDEX ix_escalations_unit ON escalations (cycle_id, unit_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['escalations', 'notifications', 'pledges', 'indicators', 'units', 'categories', 'cycles']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
