import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Consequence cases and supervision items, each with its audit trail of events. */
export class CasesAndSupervision1763900000000 implements MigrationInterface {
  name = 'CasesAndSupervision1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cases (
        id text PRIMARY KEY,
        workflow_id text NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        rung text NOT NULL,
        month int NOT NULL CHECK (month BETWEEN 1 AND 12),
        rule_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('preparing', 'awaiting_approval', 'in_progress', 'completed', 'rejected')),
        explanation jsonb NOT NULL,
        approvers jsonb NOT NULL,
        decisions jsonb NOT NULL,
        steps jsonb NOT NULL,
        opened_at timestamptz NOT NULL,
        approval_due_at timestamptz,
        reminded boolean NOT NULL,
        escalated boolean NOT NULL,
        closed_at timestamptz,
        revision int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (cycle_id, unit_id) REFERENCES units(cycle_id, id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_cases_trigger ON cases (cycle_id, unit_id, rung, month)`);
    await queryRunner.query(`CREATE INDEX ix_cases_cycle_status ON cases (cycle_id, status)`);
    await queryRunner.query(`
      CREATE TABLE case_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id text NOT NULL REFERENCES cases(id),
        seq int NOT NULL,
        kind text NOT NULL,
        actor_id text,
        actor_role text,
        step text,
        note text,
        status_after text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_case_events_seq ON case_events (case_id, seq)`);
    await queryRunner.query(`
      CREATE TABLE supervision_items (
        id text PRIMARY KEY,
        workflow_id text NOT NULL,
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'responded', 'returned', 'closed')),
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        accountability_at timestamptz NOT NULL,
        overdue boolean NOT NULL,
        escalation_level int NOT NULL CHECK (escalation_level BETWEEN 0 AND 2),
        responses jsonb NOT NULL,
        verifications jsonb NOT NULL,
        closed_at timestamptz,
        revision int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (cycle_id, unit_id) REFERENCES units(cycle_id, id)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_supervision_items_title ON supervision_items (cycle_id, unit_id, title)`,
    );
    await queryRunner.query(`CREATE INDEX ix_supervision_items_cycle_status ON supervision_items (cycle_id, status)`);
    await queryRunner.query(`
      CREATE TABLE supervision_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id text NOT NULL REFERENCES supervision_items(id),
        seq int NOT NULL,
        kind text NOT NULL,
        actor_id text,
        note text,
        status_after text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_supervision_events_seq ON supervision_events (item_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['supervision_events', 'supervision_items', 'case_events', 'cases']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
