import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts for a whole district: contact details the delivery channels use, a language, a
 * temporary password that must be changed at the next sign-in, a unit's head and deputy as
 * people (one enabled account per post and unit), accounts without a password (they sign in by
 * OpenID Connect, or wait for a reset), and the short-lived state of OpenID Connect sign-ins.
 */
export class Accounts1765200000000 implements MigrationInterface {
  name = 'Accounts1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ALTER COLUMN password_hash DROP NOT NULL,
        ADD COLUMN email text,
        ADD COLUMN mobile text,
        ADD COLUMN dingtalk_user_id text,
        ADD COLUMN wecom_user_id text,
        ADD COLUMN feishu_user_id text,
        ADD COLUMN language text NOT NULL DEFAULT 'zh-CN' CONSTRAINT ck_users_language CHECK (language IN ('zh-CN', 'en')),
        ADD COLUMN password_change_required boolean NOT NULL DEFAULT false,
        ADD COLUMN unit_post text CONSTRAINT ck_users_unit_post CHECK (unit_post IN ('head', 'deputy')),
        ADD CONSTRAINT ck_users_unit_post_scoped CHECK (unit_post IS NULL OR unit_id IS NOT NULL)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_users_unit_post ON users (unit_id, unit_post) WHERE unit_post IS NOT NULL AND NOT disabled`,
    );
    await queryRunner.query(`CREATE INDEX ix_users_unit ON users (unit_id)`);
    await queryRunner.query(`
      CREATE TABLE oidc_sign_ins (
        state text PRIMARY KEY,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oidc_sign_ins`);
    await queryRunner.query(`DROP INDEX ix_users_unit`);
    await queryRunner.query(`DROP INDEX uq_users_unit_post`);
    await queryRunner.query(`
      ALTER TABLE users
        DROP CONSTRAINT ck_users_unit_post_scoped,
        DROP COLUMN unit_post,
        DROP COLUMN password_change_required,
        DROP COLUMN language,
        DROP COLUMN feishu_user_id,
        DROP COLUMN wecom_user_id,
        DROP COLUMN dingtalk_user_id,
        DROP COLUMN mobile,
        DROP COLUMN email`);
    await queryRunner.query(`UPDATE users SET password_hash = '!' WHERE password_hash IS NULL`);
    await queryRunner.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
  }
}
