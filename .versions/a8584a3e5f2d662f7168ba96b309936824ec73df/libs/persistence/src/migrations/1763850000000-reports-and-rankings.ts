import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monthly reports, veto events, frozen rankings with versions, appeals and annual results. */
export class ReportsAndRankings1763850000000 implements MigrationInterface {
  name = 'ReportsAndRankings1763850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reports (
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        month int NOT NULL CHECK (month BETWEEN 1 AND 12),
        status text NOT NULL,
        "values" jsonb,
        ratings jsonb NOT NULL DEFAULT '{}',
        due_at timestamptz NOT NULL,
        late boolean NOT NULL DEFAULT false,
        submitted_by text,
        submitted_at timestamptz,
        reviewed_by text,
        review_comment text,
        revision int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, unit_id, month),
        FOREIGN KEY (cycle_id, unit_id) REFERENCES units(cycle_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX ix_reports_month_status ON reports (cycle_id, month, status)`);
    await queryRunner.query(`
      CREATE TABLE vetoes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        month int NOT NULL CHECK (month BETWEEN 1 AND 12),
        reason text NOT NULL,
        evidence text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (cycle_id, unit_id) REFERENCES units(cycle_id, id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_vetoes_unit_month ON vetoes (cycle_id, unit_id, month)`);
    await queryRunner.query(`
      CREATE TABLE month_rankings (
        cycle_id text NOT NULL REFERENCES cycles(id),
        month int NOT NULL CHECK (month BETWEEN 1 AND 12),
        version int NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_by text,
        published_at timestamptz,
        state jsonb NOT NULL,
        cases jsonb NOT NULL,
        PRIMARY KEY (cycle_id, month, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE month_scores (
        cycle_id text NOT NULL,
        month int NOT NULL,
        version int NOT NULL,
        unit_id text NOT NULL,
        category_id text NOT NULL,
        score double precision NOT NULL,
        rank int NOT NULL,
        lagging boolean NOT NULL,
        vetoed boolean NOT NULL,
        reported boolean NOT NULL,
        indicators jsonb NOT NULL,
        PRIMARY KEY (cycle_id, month, version, unit_id),
        FOREIGN KEY (cycle_id, month, version) REFERENCES month_rankings(cycle_id, month, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        month int NOT NULL,
        reason text NOT NULL,
        filed_by text NOT NULL,
        filed_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'open',
        decided_by text,
        decision_comment text,
        corrected_values jsonb,
        decided_at timestamptz,
        FOREIGN KEY (cycle_id, unit_id) REFERENCES units(cycle_id, id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_appeals_unit_month ON appeals (cycle_id, unit_id, month)`);
    await queryRunner.query(`
      CREATE TABLE annual_results (
        cycle_id text NOT NULL,
        unit_id text NOT NULL,
        completed boolean NOT NULL,
        explanation jsonb NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cycle_id, unit_id),
        FOREIGN KEY (cycle_id, unit_id) REFERENCES units(cycle_id, id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['annual_results', 'appeals', 'month_scores', 'month_rankings', 'vetoes', 'reports']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
