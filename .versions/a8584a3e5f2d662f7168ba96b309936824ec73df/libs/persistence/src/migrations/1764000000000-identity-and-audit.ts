import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, sessions and refresh tokens for sign-in; the append-only, hash-chained audit trail.
 * The trigger makes the trail refuse UPDATE, DELETE and TRUNCATE for every role that does not
 * first disable it, so a change of history is at least deliberate and detectable by verify.
 */
export class IdentityAndAudit1764000000000 implements MigrationInterface {
  name = 'IdentityAndAudit1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$'),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['UNIT_HEAD', 'UNIT_REPORTER', 'ASSESSOR', 'ORG_DEPT', 'DISCIPLINE', 'LEADERSHIP', 'ADMIN']),
        unit_id text,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_users_unit_roles_scoped CHECK (unit_id IS NOT NULL OR NOT (roles && ARRAY['UNIT_HEAD', 'UNIT_REPORTER']))
      )`);
    await queryRunner.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoke_reason text
      )`);
    await queryRunner.query(`CREATE INDEX ix_auth_sessions_user ON auth_sessions (user_id)`);
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_sessions(id),
        token_hash text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_refresh_tokens_hash ON refresh_tokens (token_hash)`);
    await queryRunner.query(`CREATE INDEX ix_refresh_tokens_session ON refresh_tokens (session_id)`);

    await queryRunner.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        occurred_at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text,
        action text NOT NULL,
        subject text NOT NULL,
        cycle_id text,
        unit_id text,
        reason text,
        request_id text,
        workflow_id text,
        run_id text,
        change jsonb,
        change_digest text NOT NULL,
        event_key text,
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      )`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_unit ON audit_log (unit_id, occurred_at)`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_actor ON audit_log (actor_id, occurred_at)`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_action ON audit_log (action, occurred_at)`);
    await queryRunner.query(`CREATE INDEX ix_audit_log_occurred ON audit_log (occurred_at)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_audit_log_event_key ON audit_log (event_key) WHERE event_key IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_refuse_change()`);
    for (const table of ['refresh_tokens', 'auth_sessions', 'users']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
