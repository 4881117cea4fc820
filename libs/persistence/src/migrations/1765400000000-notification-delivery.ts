import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of the notifications outbox: people's contact details and message centre, channels
 * (secrets encrypted), one delivery row per (notification, channel, recipient) with its attempts,
 * and escalations acknowledged as tasks.
 */
export class NotificationDelivery1765400000000 implements MigrationInterface {
  name = 'NotificationDelivery1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users
      ADD COLUMN IF NOT EXISTS email text, ADD COLUMN IF NOT EXISTS mobile text,
      ADD COLUMN IF NOT EXISTS dingtalk_user_id text, ADD COLUMN IF NOT EXISTS wecom_user_id text,
      ADD COLUMN IF NOT EXISTS feishu_user_id text, ADD COLUMN IF NOT EXISTS language text,
      ADD COLUMN IF NOT EXISTS digest boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE notifications
      ADD COLUMN step text, ADD COLUMN month integer, ADD COLUMN subject_id text, ADD COLUMN dispatched_at timestamptz`);
    // Notices written before delivery existed are history: sending them now would remind of deadlines long gone.
    await queryRunner.query('UPDATE notifications SET dispatched_at = created_at');
    await queryRunner.query(
      'CREATE INDEX ix_notifications_undispatched ON notifications (created_at) WHERE dispatched_at IS NULL',
    );
    await queryRunner.query(`CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      notification_id uuid NOT NULL REFERENCES notifications (id),
      user_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      digested_at timestamptz,
      CONSTRAINT uq_messages_notification_user UNIQUE (notification_id, user_id))`);
    await queryRunner.query('CREATE INDEX ix_messages_user ON messages (user_id, created_at DESC)');
    await queryRunner.query(`CREATE TABLE notification_channels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL,
      unit_id text,
      role text,
      url text,
      smtp jsonb,
      secret_cipher text,
      rate_limits jsonb NOT NULL DEFAULT '[]',
      enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_notification_channels_name UNIQUE (name))`);
    await queryRunner.query(`CREATE TABLE deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL,
      channel_id uuid NOT NULL REFERENCES notification_channels (id),
      notification_id uuid REFERENCES notifications (id),
      recipient text,
      mentions jsonb NOT NULL DEFAULT '[]',
      digest jsonb,
      status text NOT NULL DEFAULT 'pending',
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      CONSTRAINT uq_deliveries_key UNIQUE (key))`);
    await queryRunner.query(
      `CREATE INDEX ix_deliveries_due ON deliveries (channel_id, next_attempt_at) WHERE status IN ('pending', 'sending')`,
    );
    await queryRunner.query(`CREATE INDEX ix_deliveries_dead ON deliveries (created_at) WHERE status = 'dead'`);
    await queryRunner.query('CREATE INDEX ix_deliveries_notification ON deliveries (notification_id)');
    await queryRunner.query(`CREATE TABLE delivery_attempts (
      id bigserial PRIMARY KEY,
      delivery_id uuid NOT NULL REFERENCES deliveries (id),
      channel_id uuid NOT NULL,
      started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      finished_at timestamptz,
      error text)`);
    await queryRunner.query('CREATE INDEX ix_delivery_attempts_channel ON delivery_attempts (channel_id, started_at)');
    await queryRunner.query('CREATE INDEX ix_delivery_attempts_delivery ON delivery_attempts (delivery_id)');
    await queryRunner.query(`CREATE TABLE digest_runs (
      day date PRIMARY KEY,
      ran_at timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`ALTER TABLE escalations
      ADD COLUMN acknowledged_by text, ADD COLUMN acknowledged_at timestamptz, ADD COLUMN acknowledgement_note text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE escalations DROP COLUMN acknowledged_by, DROP COLUMN acknowledged_at, DROP COLUMN acknowledgement_note',
    );
    await queryRunner.query('DROP TABLE digest_runs, delivery_attempts, deliveries, notification_channels, messages');
    await queryRunner.query('DROP INDEX ix_notifications_undispatched');
    await queryRunner.query(
      'ALTER TABLE notifications DROP COLUMN step, DROP COLUMN month, DROP COLUMN subject_id, DROP COLUMN dispatched_at',
    );
    await queryRunner.query(`ALTER TABLE users DROP COLUMN email, DROP COLUMN mobile, DROP COLUMN dingtalk_user_id,
      DROP COLUMN wecom_user_id, DROP COLUMN feishu_user_id, DROP COLUMN language, DROP COLUMN digest`);
  }
}
