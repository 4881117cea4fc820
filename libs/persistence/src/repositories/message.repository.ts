import type { DataSource, EntityManager } from 'typeorm';
import { isUnitRole } from '@jiebang/domain';
import type { Actor, MessagePreferences } from '@jiebang/contracts';
import { EscalationEntity } from '../entities/escalation.entity';
import { NOTICE_COLUMNS, NOTICE_FROM, noticeOf, type OutboxNotice, type RawNoticeRow } from './delivery-rows';

/** A message of a person's message centre with its notice. */
export interface StoredMessage {
  id: string;
  notice: OutboxNotice;
  createdAt: Date;
  readAt: Date | null;
}

/** The message centre's and the escalation tasks' queries. */
export class MessageRepository {
  constructor(private readonly dataSource: DataSource | EntityManager) {}

  /**
   * A person's messages, newest first, with their unread count read from the same snapshot: read
   * apart, a message arriving between the two could be listed unread while the count said 0.
   */
  page(
    userId: string,
    filter: { unreadOnly: boolean; limit: number },
  ): Promise<{ messages: StoredMessage[]; unread: number }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const inSnapshot = new MessageRepository(manager);
      const messages = await inSnapshot.list(userId, filter);
      return { messages, unread: await inSnapshot.unreadCount(userId) };
    });
  }

  /** A person's messages, newest first. */
  async list(userId: string, filter: { unreadOnly: boolean; limit: number }): Promise<StoredMessage[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.id AS message_id, m.created_at AS message_created_at, m.read_at, ${NOTICE_COLUMNS}
       FROM messages m JOIN ${NOTICE_FROM} ON n.id = m.notification_id
       WHERE m.user_id = $1 AND (NOT $2 OR m.read_at IS NULL)
       ORDER BY m.created_at DESC, m.id LIMIT $3`,
      [userId, filter.unreadOnly, filter.limit],
    )) as Array<RawNoticeRow & { message_id: string; message_created_at: Date; read_at: Date | null }>;
    return rows.map((row) => ({
      id: row.message_id,
      notice: noticeOf(row),
      createdAt: row.message_created_at,
      readAt: row.read_at,
    }));
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ count }] = (await this.dataSource.query(
      'SELECT count(*)::int AS count FROM messages WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    )) as Array<{ count: number }>;
    return count;
  }

  /** Marks one of the person's messages read (again: keeps the first time); false when it is not theirs. */
  async markRead(userId: string, messageId: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE messages SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`,
      [messageId, userId],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Marks all the person's messages read; returns how many were unread. */
  async markAllRead(userId: string): Promise<number> {
    const [, count] = (await this.dataSource.query(
      'UPDATE messages SET read_at = now() WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    )) as [unknown[], number];
    return count;
  }

  async preferences(userId: string): Promise<MessagePreferences> {
    const [row] = (await this.dataSource.query('SELECT language, digest FROM users WHERE id = $1', [userId])) as Array<{
      language: MessagePreferences['language'] | null;
      digest: boolean;
    }>;
    return { language: row?.language ?? 'zh-CN', digest: row?.digest ?? false };
  }

  async savePreferences(userId: string, preferences: MessagePreferences): Promise<void> {
    await this.dataSource.query('UPDATE users SET language = $2, digest = $3, updated_at = now() WHERE id = $1', [
      userId,
      preferences.language,
      preferences.digest,
    ]);
  }

  /** The escalations addressed to one of the actor's roles (their unit's only, for unit roles), open ones first. */
  async escalationsFor(actor: Actor, filter: { open: boolean }): Promise<EscalationEntity[]> {
    const builder = this.dataSource
      .getRepository(EscalationEntity)
      .createQueryBuilder('e')
      .where('(e.addressed_to = ANY(:district) OR (e.addressed_to = ANY(:unitRoles) AND e.unit_id = :unitId))', {
        district: actor.roles.filter((role) => !isUnitRole(role)),
        unitRoles: actor.roles.filter(isUnitRole),
        unitId: actor.unitId ?? '',
      })
      .orderBy('e.opened_at', 'ASC');
    if (filter.open) builder.andWhere('e.acknowledged_at IS NULL');
    return builder.getMany();
  }

  async escalation(id: string): Promise<EscalationEntity | null> {
    return this.dataSource.getRepository(EscalationEntity).findOneBy({ id });
  }

  /**
   * Acknowledges an escalation inside the caller's transaction (which also writes its audit row);
   * returns null when someone acknowledged it first.
   */
  async acknowledge(
    manager: EntityManager,
    id: string,
    userId: string,
    note: string,
  ): Promise<EscalationEntity | null> {
    const [rows] = (await manager.query(
      `UPDATE escalations SET acknowledged_by = $2, acknowledged_at = now(), acknowledgement_note = $3, status = 'closed'
       WHERE id = $1 AND acknowledged_at IS NULL RETURNING id`,
      [id, userId, note],
    )) as [unknown[], number];
    if (rows.length === 0) return null;
    return manager.getRepository(EscalationEntity).findOneBy({ id });
  }
}
