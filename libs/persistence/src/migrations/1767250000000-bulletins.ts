import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 22: the bulletin's paragraphs before publishing, every published bulletin PDF with its checksum, public board links. */
export class Bulletins1767250000000 implements MigrationInterface {
  name = 'Bulletins1767250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE bulletin_drafts (
        cycle_id text NOT NULL REFERENCES cycles(id),
        month int NOT NULL,
        opening text NOT NULL,
        closing text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_bulletin_drafts PRIMARY KEY (cycle_id, month)
      )`);
    await queryRunner.query(`
      CREATE TABLE bulletin_versions (
        cycle_id text NOT NULL REFERENCES cycles(id),
        month int NOT NULL,
        version int NOT NULL,
        ranking_version int NOT NULL,
        opening text NOT NULL,
        closing text NOT NULL,
        pdf bytea NOT NULL,
        sha256 text NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_bulletin_versions PRIMARY KEY (cycle_id, month, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE board_links (
        token_sha256 text PRIMARY KEY,
        cycle_id text NOT NULL REFERENCES cycles(id),
        month int NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX ix_board_links_month ON board_links (cycle_id, month)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE board_links');
    await queryRunner.query('DROP TABLE bulletin_versions');
    await queryRunner.query('DROP TABLE bulletin_drafts');
  }
}
