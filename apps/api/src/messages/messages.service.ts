import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  renderNotice,
  unitSubject,
  type Actor,
  type EscalationTask,
  type MessagePage,
  type MessagePreferences,
  type MessageView,
} from '@jiebang/contracts';
import { isUnitRole } from '@jiebang/domain';
import { MessageRepository, type EscalationEntity, type StoredMessage } from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import type { ListMessagesQuery } from '@jiebang/contracts/http/messages';

/** The message centre (消息中心) and the escalations each role must acknowledge (我的待办). */
@Injectable()
export class MessagesService {
  constructor(
    @Inject(MessageRepository) private readonly messages: MessageRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, query: ListMessagesQuery): Promise<MessagePage> {
    const [{ messages, unread }, { language }] = await Promise.all([
      this.messages.page(actor.userId, { unreadOnly: query.unread === 'true', limit: query.limit ?? 100 }),
      this.messages.preferences(actor.userId),
    ]);
    return { messages: messages.map((message) => viewOf(message, language)), unread };
  }

  async unreadCount(actor: Actor): Promise<{ unread: number }> {
    return { unread: await this.messages.unreadCount(actor.userId) };
  }

  async markRead(actor: Actor, id: string): Promise<{ unread: number }> {
    if (!(await this.messages.markRead(actor.userId, id)))
      throw new ApiException('MESSAGE_NOT_FOUND', `You have no message ${id}`);
    return this.unreadCount(actor);
  }

  async markAllRead(actor: Actor): Promise<{ unread: number }> {
    await this.messages.markAllRead(actor.userId);
    return this.unreadCount(actor);
  }

  preferences(actor: Actor): Promise<MessagePreferences> {
    return this.messages.preferences(actor.userId);
  }

  async savePreferences(actor: Actor, preferences: MessagePreferences): Promise<MessagePreferences> {
    await this.messages.savePreferences(actor.userId, preferences);
    return preferences;
  }

  async tasks(actor: Actor, open: boolean): Promise<EscalationTask[]> {
    return (await this.messages.escalationsFor(actor, { open })).map(taskOf);
  }

  /** Someone of the addressed role says what was done; the escalation leaves that role's tasks, audited. */
  async acknowledge(actor: Actor, id: string, note: string): Promise<EscalationTask> {
    const escalation = await this.messages.escalation(id);
    if (!escalation) throw new ApiException('ESCALATION_NOT_FOUND', `No escalation ${id}`);
    const role = escalation.addressedTo;
    const addressee = actor.roles.includes(role) && (!isUnitRole(role) || actor.unitId === escalation.unitId);
    if (!addressee)
      throw new ApiException(
        'NOT_ADDRESSEE',
        `The escalation is addressed to ${role}; only someone of that role acknowledges it`,
      );
    const acknowledged = await this.dataSource.transaction(async (manager) => {
      const row = await this.messages.acknowledge(manager, id, actor.userId, note);
      if (!row) return null;
      await this.audit.record(
        {
          actor,
          role,
          action: 'escalation.acknowledged',
          subject: unitSubject(escalation.cycleId, escalation.unitId, 'escalations', id),
          cycleId: escalation.cycleId,
          unitId: escalation.unitId,
          reason: note,
          change: { acknowledgedBy: actor.userId, escalationKey: escalation.key },
        },
        manager,
      );
      return row;
    });
    if (!acknowledged) {
      const current = (await this.messages.escalation(id))!;
      throw new ApiException(
        'ESCALATION_ALREADY_ACKNOWLEDGED',
        `Already acknowledged by ${current.acknowledgedBy} at ${current.acknowledgedAt?.toISOString()}`,
      );
    }
    return taskOf(acknowledged);
  }
}

function viewOf(
  { id, notice, createdAt, readAt }: StoredMessage,
  language: MessagePreferences['language'],
): MessageView {
  const rendered = renderNotice(notice, language);
  return {
    id,
    notificationId: notice.id,
    kind: notice.kind,
    title: rendered.title,
    lines: rendered.lines,
    link: rendered.link,
    cycleId: notice.cycleId,
    unitId: notice.unitId,
    month: notice.month,
    dueAt: notice.dueAt,
    createdAt: createdAt.toISOString(),
    readAt: readAt?.toISOString() ?? null,
  };
}

function taskOf(escalation: EscalationEntity): EscalationTask {
  return {
    id: escalation.id,
    cycleId: escalation.cycleId,
    unitId: escalation.unitId,
    addressedTo: escalation.addressedTo,
    reason: escalation.reason,
    openedAt: escalation.openedAt.toISOString(),
    acknowledgedBy: escalation.acknowledgedBy,
    acknowledgedAt: escalation.acknowledgedAt?.toISOString() ?? null,
    note: escalation.acknowledgementNote,
  };
}
