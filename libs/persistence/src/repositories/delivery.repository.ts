import type { DataSource, EntityManager } from 'typeorm';
import { isUnitRole } from '@jiebang/domain';
import { audienceOf, type DeliveryStatus, type RateLimit, type Role } from '@jiebang/contracts';
import { NotificationChannelEntity } from '../entities/notification-channel.entity';
import {
  NOTICE_COLUMNS,
  NOTICE_FROM,
  RECIPIENT_COLUMNS,
  noticeOf,
  recipientOf,
  type ClaimedDelivery,
  type DigestContent,
  type Mention,
  type OutboxNotice,
  type PlannedDelivery,
  type RawNoticeRow,
  type RawRecipientRow,
  type DeliveryRecipient,
} from './delivery-rows';

/** The unit-scoped roles: a notice for them goes to the people of its unit only. */
/** What to write for a batch of notices: the deliveries of each (messages go to every recipient). */
export type FanOutPlan = (
  notices: Array<{ notice: OutboxNotice; recipients: DeliveryRecipient[] }>,
  channels: NotificationChannelEntity[],
) => PlannedDelivery[];

export interface ClaimOptions {
  /** At most this many deliveries. */
  limit: number;
  /** A claimed delivery not recorded within this time is due again (its sender crashed). */
  leaseMs: number;
  /** The channel's rate limits; attempts started within a window (plus `marginMs`) count against it. */
  rateLimits: RateLimit[];
  marginMs: number;
}

export interface DeliveryRow {
  id: string;
  channel_id: string;
  channel_name: string;
  channel_kind: NotificationChannelEntity['kind'];
  notification_id: string | null;
  recipient: string | null;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  created_at: Date;
}

/**
 * The queries of delivery: fanning the outbox out to message centres and channels, claiming due
 * deliveries within a channel's rate limit, recording outcomes, the morning digest. Every write is
 * keyed or guarded by status, so any number of processes may run it and a crash loses nothing.
 */
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Fans out up to `limit` undispatched notices in one transaction: a message per recipient, the
   * deliveries `plan` gives, and the notices marked dispatched. Returns how many notices it took.
   */
  async dispatch(limit: number, plan: FanOutPlan): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT ${NOTICE_COLUMNS} FROM ${NOTICE_FROM}
         WHERE n.id IN (SELECT id FROM notifications WHERE dispatched_at IS NULL ORDER BY created_at LIMIT $1
                        FOR UPDATE SKIP LOCKED)`,
        [limit],
      )) as RawNoticeRow[];
      if (rows.length === 0) return 0;
      const notices = rows.map(noticeOf);
      const withRecipients = await this.withRecipients(manager, notices);
      const channels = await manager.getRepository(NotificationChannelEntity).find({ where: { enabled: true } });
      await insertMessages(manager, withRecipients);
      await insertDeliveries(manager, plan(withRecipients, channels));
      await manager.query('UPDATE notifications SET dispatched_at = now() WHERE id = ANY($1)', [
        notices.map((notice) => notice.id),
      ]);
      return notices.length;
    });
  }

  /**
   * The people each notice is for: the holders of its audience's roles (audienceOf), of its unit for
   * unit roles (a bulletin's, of every unit); or the one account a notice names (`recipient_user_id`:
   * a leader's portfolio, a rating reminder to a panel member).
   */
  private async withRecipients(manager: EntityManager, notices: OutboxNotice[]) {
    const addressees = notices.flatMap((notice) => (notice.recipientUserId === null ? [] : [notice.recipientUserId]));
    const users = (
      (await manager.query(
        `SELECT ${RECIPIENT_COLUMNS}, roles, unit_id FROM users
          WHERE NOT disabled AND (roles && $1::text[] OR id = ANY($2::text[]))`,
        [[...new Set(notices.flatMap(audienceOf))], [...new Set(addressees)]],
      )) as Array<RawRecipientRow & { roles: Role[]; unit_id: string | null }>
    ).map((row) => ({
      ...row,
      recipient: recipientOf(row),
    }));
    return notices.map((notice) => {
      const audience = audienceOf(notice);
      const everyUnit = notice.kind === 'bulletin';
      return {
        notice,
        recipients: users
          .filter((user) =>
            notice.recipientUserId !== null
              ? user.id === notice.recipientUserId
              : audience.some(
                  (role) =>
                    user.roles.includes(role) && (!isUnitRole(role) || everyUnit || user.unit_id === notice.unitId),
                ),
          )
          .map((user) => user.recipient),
      };
    });
  }

  /** Channel ids with deliveries due now. */
  async channelsWithDueDeliveries(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT channel_id FROM deliveries WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()`,
    )) as Array<{ channel_id: string }>;
    return rows.map((row) => row.channel_id);
  }

  async channel(id: string): Promise<NotificationChannelEntity | null> {
    return this.dataSource.getRepository(NotificationChannelEntity).findOneBy({ id });
  }

  /**
   * Claims due deliveries of one channel: marks them `sending` until the lease ends and records an
   * attempt for each. Claims of a channel are serialised (an advisory lock) so that the attempts
   * counted against its rate limit are all there is, across processes.
   */
  async claim(channelId: string, options: ClaimOptions): Promise<ClaimedDelivery[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('jiebang-delivery-channel'), hashtext($1))`, [
        channelId,
      ]);
      const budget = await this.budget(manager, channelId, options);
      if (budget <= 0) return [];
      const claimed = (await manager.query(
        `UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1,
           next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
         FROM (SELECT id FROM deliveries WHERE channel_id = $1 AND status IN ('pending', 'sending')
                 AND next_attempt_at <= now() ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
         WHERE d.id = due.id
         RETURNING d.id, d.notification_id, d.recipient, d.mentions, d.digest, d.attempts`,
        [channelId, budget, options.leaseMs],
      )) as [Array<ClaimedRow>, number];
      const rows = claimed[0];
      if (rows.length === 0) return [];
      await manager.query(
        'INSERT INTO delivery_attempts (delivery_id, channel_id) SELECT unnest($1::uuid[]), $2::uuid',
        [rows.map((row) => row.id), channelId],
      );
      return this.hydrate(manager, channelId, rows);
    });
  }

  /** How many sends the channel's limits allow now. */
  private async budget(manager: EntityManager, channelId: string, options: ClaimOptions): Promise<number> {
    let budget = options.limit;
    for (const { max, perMs } of options.rateLimits) {
      const [{ count }] = (await manager.query(
        `SELECT count(*)::int AS count FROM delivery_attempts
         WHERE channel_id = $1 AND started_at > now() - make_interval(secs => $2::double precision / 1000)`,
        [channelId, perMs + options.marginMs],
      )) as Array<{ count: number }>;
      budget = Math.min(budget, max - count);
    }
    return budget;
  }

  private async hydrate(manager: EntityManager, channelId: string, rows: ClaimedRow[]): Promise<ClaimedDelivery[]> {
    const noticeIds = rows.map((row) => row.notification_id).filter((id): id is string => id !== null);
    const userIds = rows.map((row) => row.recipient).filter((id): id is string => id !== null);
    const notices = new Map(
      (
        (await manager.query(`SELECT ${NOTICE_COLUMNS} FROM ${NOTICE_FROM} WHERE n.id = ANY($1)`, [
          noticeIds,
        ])) as RawNoticeRow[]
      )
        .map(noticeOf)
        .map((notice) => [notice.id, notice]),
    );
    const recipients = new Map(
      (
        (await manager.query(`SELECT ${RECIPIENT_COLUMNS} FROM users WHERE id = ANY($1)`, [
          userIds,
        ])) as RawRecipientRow[]
      )
        .map(recipientOf)
        .map((recipient) => [recipient.userId, recipient]),
    );
    return rows.map((row) => ({
      id: row.id,
      channelId,
      attempts: row.attempts,
      notice: row.notification_id ? (notices.get(row.notification_id) ?? null) : null,
      recipient: row.recipient ? (recipients.get(row.recipient) ?? null) : null,
      mentions: row.mentions,
      digest: row.digest,
    }));
  }

  /** Records a send that arrived (one statement: the delivery and its attempt). */
  async delivered(id: string): Promise<void> {
    await this.dataSource.query(
      `WITH done AS (UPDATE deliveries SET status = 'delivered', delivered_at = now(), last_error = NULL
                     WHERE id = $1 AND status <> 'delivered')
       ${FINISH_ATTEMPT}`,
      [id, null],
    );
  }

  /** Records a failed send: due again at `retryAt`, or dead-lettered when that is null. */
  async failed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.dataSource.query(
      `WITH done AS (UPDATE deliveries SET status = $3, last_error = $2, next_attempt_at = COALESCE($4, next_attempt_at)
                     WHERE id = $1 AND status = 'sending')
       ${FINISH_ATTEMPT}`,
      [id, error, retryAt ? 'pending' : 'dead', retryAt],
    );
  }

  /** Deliveries for administrators, newest first; `status: 'dead'` is the dead-letter list. */
  async list(filter: { status?: DeliveryStatus; limit: number }): Promise<DeliveryRow[]> {
    return (await this.dataSource.query(
      `SELECT d.id, d.channel_id, c.name AS channel_name, c.kind AS channel_kind, d.notification_id, d.recipient,
              d.status, d.attempts, d.last_error, d.next_attempt_at, d.delivered_at, d.created_at
       FROM deliveries d JOIN notification_channels c ON c.id = d.channel_id
       WHERE $1::text IS NULL OR d.status = $1 ORDER BY d.created_at DESC LIMIT $2`,
      [filter.status ?? null, filter.limit],
    )) as DeliveryRow[];
  }

  /**
   * Notices that fanned out to nobody: no one holds their role (in their unit) and no channel
   * carries them. Administrators fix that (a user, a role, a channel); the notice stays listed.
   */
  async unreached(limit: number): Promise<OutboxNotice[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${NOTICE_COLUMNS} FROM ${NOTICE_FROM}
       WHERE n.dispatched_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.notification_id = n.id)
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = n.id)
       ORDER BY n.created_at DESC LIMIT $1`,
      [limit],
    )) as RawNoticeRow[];
    return rows.map(noticeOf);
  }

  /** Puts a dead delivery back in the queue with a fresh count of attempts. 'missing' or 'not-dead' otherwise. */
  async resend(id: string): Promise<'resent' | 'missing' | 'not-dead'> {
    const [rows] = (await this.dataSource.query(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now()
       WHERE id = $1 AND status = 'dead' RETURNING id`,
      [id],
    )) as [unknown[], number];
    if (rows.length > 0) return 'resent';
    const [exists] = (await this.dataSource.query('SELECT 1 FROM deliveries WHERE id = $1', [id])) as unknown[];
    return exists ? 'not-dead' : 'missing';
  }

  /**
   * Writes the digest of `day` once: for every person who chose the digest, their unread messages
   * not yet digested become one delivery per personal channel (`plan`), and are marked digested.
   * Returns false when the day's digest was already written.
   */
  async writeDigest(
    day: string,
    plan: (
      people: Array<{ recipient: DeliveryRecipient; notices: OutboxNotice[] }>,
      channels: NotificationChannelEntity[],
    ) => PlannedDelivery[],
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [taken] = (await manager.query(
        'INSERT INTO digest_runs (day) VALUES ($1) ON CONFLICT DO NOTHING RETURNING day',
        [day],
      )) as unknown[];
      if (!taken) return false;
      const rows = (await manager.query(
        `SELECT m.id AS message_id, m.user_id, ${NOTICE_COLUMNS} FROM messages m
         JOIN ${NOTICE_FROM} ON n.id = m.notification_id
         JOIN users p ON p.id = m.user_id
         WHERE p.digest AND NOT p.disabled AND m.read_at IS NULL AND m.digested_at IS NULL
         ORDER BY m.user_id, n.created_at`,
      )) as Array<RawNoticeRow & { message_id: string; user_id: string }>;
      if (rows.length === 0) return true;
      const userIds = [...new Set(rows.map((row) => row.user_id))];
      const recipients = (
        (await manager.query(`SELECT ${RECIPIENT_COLUMNS} FROM users WHERE id = ANY($1)`, [
          userIds,
        ])) as RawRecipientRow[]
      ).map(recipientOf);
      const people = recipients.map((recipient) => ({
        recipient,
        notices: rows.filter((row) => row.user_id === recipient.userId).map(noticeOf),
      }));
      const channels = await manager.getRepository(NotificationChannelEntity).find({ where: { enabled: true } });
      await insertDeliveries(manager, plan(people, channels));
      await manager.query('UPDATE messages SET digested_at = now() WHERE id = ANY($1)', [
        rows.map((row) => row.message_id),
      ]);
      return true;
    });
  }

  /** The calendar of the newest cycle (its zone, holidays and make-up workdays), for the digest's working days. */
  async newestCalendar(): Promise<unknown> {
    const [row] = (await this.dataSource.query(
      `SELECT policy -> 'calendar' AS calendar FROM cycles ORDER BY created_at DESC LIMIT 1`,
    )) as Array<{ calendar: unknown }>;
    return row?.calendar ?? null;
  }
}

interface ClaimedRow {
  id: string;
  notification_id: string | null;
  recipient: string | null;
  mentions: Mention[];
  digest: DigestContent | null;
  attempts: number;
}

async function insertMessages(
  manager: EntityManager,
  notices: Array<{ notice: OutboxNotice; recipients: DeliveryRecipient[] }>,
): Promise<void> {
  const pairs = notices.flatMap(({ notice, recipients }) => recipients.map((r) => [notice.id, r.userId] as const));
  if (pairs.length === 0) return;
  await manager.query(
    `INSERT INTO messages (notification_id, user_id) SELECT * FROM unnest($1::uuid[], $2::text[])
     ON CONFLICT DO NOTHING`,
    [pairs.map(([notice]) => notice), pairs.map(([, user]) => user)],
  );
}

async function insertDeliveries(manager: EntityManager, deliveries: PlannedDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await manager.query(
    `INSERT INTO deliveries (key, channel_id, notification_id, recipient, mentions, digest)
     SELECT key, channel_id, notification_id, recipient, mentions, digest
     FROM jsonb_to_recordset($1::jsonb) AS t(key text, channel_id uuid, notification_id uuid, recipient text,
                                             mentions jsonb, digest jsonb)
     ON CONFLICT (key) DO NOTHING`,
    [
      JSON.stringify(
        deliveries.map((d) => ({
          key: d.key,
          channel_id: d.channelId,
          notification_id: d.notificationId,
          recipient: d.recipient,
          mentions: d.mentions,
          digest: d.digest,
        })),
      ),
    ],
  );
}

/** Closes the delivery's open attempt ($1 the delivery, $2 the error or null). */
const FINISH_ATTEMPT = `UPDATE delivery_attempts SET finished_at = clock_timestamp(), error = $2
   WHERE id = (SELECT max(id) FROM delivery_attempts WHERE delivery_id = $1 AND finished_at IS NULL)`;
