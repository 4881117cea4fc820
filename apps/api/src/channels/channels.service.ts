import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  PLATFORM_RATE_LIMITS,
  type Actor,
  type ChannelView,
  type DeliveryView,
  type UnreachedNotice,
} from '@jiebang/contracts';
import { SecretBox, smtpTransport } from '@jiebang/delivery';
import {
  DeliveryRepository,
  NotificationChannelRepository,
  type DeliveryRow,
  type NotificationChannelEntity,
} from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import type { ChannelBody, ListDeliveriesQuery } from './channels.schemas';

export const CHANNEL_SECRET_BOX = Symbol('CHANNEL_SECRET_BOX');

const SMTP_CHECK_TIMEOUT_MS = 5_000;

/** Administrators' channels (secrets sealed before they are stored) and the deliveries' dead letters. */
@Injectable()
export class ChannelsService {
  private readonly channels: NotificationChannelRepository;
  private readonly deliveries: DeliveryRepository;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CHANNEL_SECRET_BOX) private readonly secrets: SecretBox,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {
    this.channels = new NotificationChannelRepository(dataSource.manager);
    this.deliveries = new DeliveryRepository(dataSource);
  }

  async list(): Promise<ChannelView[]> {
    return (await this.channels.list()).map(channelView);
  }

  async get(id: string): Promise<ChannelView> {
    return channelView(await this.existing(id));
  }

  async create(actor: Actor, body: ChannelBody): Promise<ChannelView> {
    if (await this.channels.findByName(body.name))
      throw new ApiException('CHANNEL_NAME_TAKEN', `A channel named "${body.name}" exists already`);
    const entity = this.channels.build(await this.settingsOf(body));
    return this.saveAudited(actor, entity, 'channel.created');
  }

  /** Replaces a channel's settings (the secret must be given again: it is never read back). */
  async replace(actor: Actor, id: string, body: ChannelBody): Promise<ChannelView> {
    const entity = await this.existing(id);
    const clash = await this.channels.findByName(body.name);
    if (clash && clash.id !== id)
      throw new ApiException('CHANNEL_NAME_TAKEN', `A channel named "${body.name}" exists already`);
    Object.assign(entity, await this.settingsOf(body));
    return this.saveAudited(actor, entity, 'channel.changed');
  }

  async deliveriesList(query: ListDeliveriesQuery): Promise<DeliveryView[]> {
    return (await this.deliveries.list({ status: query.status, limit: query.limit ?? 100 })).map(deliveryView);
  }

  async unreached(): Promise<UnreachedNotice[]> {
    return (await this.deliveries.unreached(500)).map(({ id, createdAt, ...facts }) => ({
      ...facts,
      notificationId: id,
      createdAt: createdAt.toISOString(),
    }));
  }

  async resend(actor: Actor, id: string): Promise<{ resent: true }> {
    const outcome = await this.deliveries.resend(id);
    if (outcome === 'missing') throw new ApiException('DELIVERY_NOT_FOUND', `No delivery ${id}`);
    if (outcome === 'not-dead') throw new ApiException('DELIVERY_NOT_DEAD', `Delivery ${id} is not dead-lettered`);
    await this.audit.record({ actor, role: 'ADMIN', action: 'delivery.resent', subject: `deliveries/${id}` });
    return { resent: true };
  }

  private async existing(id: string): Promise<NotificationChannelEntity> {
    const entity = await this.channels.findById(id);
    if (!entity) throw new ApiException('CHANNEL_NOT_FOUND', `No channel ${id}`);
    return entity;
  }

  /** The stored settings of a body: the secret sealed; an e-mail channel's SMTP server must answer. */
  private async settingsOf(body: ChannelBody): Promise<Partial<NotificationChannelEntity>> {
    const secret = 'secret' in body && body.secret ? body.secret : null;
    const settings: Partial<NotificationChannelEntity> = {
      name: body.name,
      kind: body.kind,
      unitId: body.unitId,
      role: body.role,
      enabled: body.enabled,
      rateLimits: body.rateLimits ?? [],
      url: 'url' in body ? body.url : null,
      smtp: body.kind === 'email' ? body.smtp : null,
      secretCipher: secret ? this.secrets.seal(secret) : null,
    };
    if (body.kind === 'email') await this.verifySmtp(settings, secret);
    return settings;
  }

  private async verifySmtp(settings: Partial<NotificationChannelEntity>, secret: string | null): Promise<void> {
    const smtp = settings.smtp!;
    const entity = { ...settings, id: 'check', updatedAt: new Date() } as NotificationChannelEntity;
    const transport = smtpTransport({ entity, secret }, SMTP_CHECK_TIMEOUT_MS);
    try {
      await transport.verify();
    } catch (error) {
      const reason = (error as { code?: string; message?: string }).code ?? (error as Error).message;
      throw new ApiException(
        'SMTP_UNREACHABLE',
        `The SMTP server ${smtp.host}:${smtp.port} did not accept a connection: ${reason}`,
      );
    } finally {
      transport.close();
    }
  }

  private async saveAudited(actor: Actor, entity: NotificationChannelEntity, action: string): Promise<ChannelView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await new NotificationChannelRepository(manager).save(entity);
      await this.audit.record(
        { actor, role: 'ADMIN', action, subject: `channels/${row.id}`, change: { ...channelView(row) } },
        manager,
      );
      return row;
    });
    return channelView(saved);
  }
}

/** A channel without its secret; tokens inside robot URLs masked. */
export function channelView(entity: NotificationChannelEntity): ChannelView {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    unitId: entity.unitId,
    role: entity.role,
    url: entity.url ? maskedUrl(entity.url) : null,
    smtp: entity.smtp,
    hasSecret: entity.secretCipher !== null,
    rateLimits: entity.rateLimits.length > 0 ? entity.rateLimits : PLATFORM_RATE_LIMITS[entity.kind],
    enabled: entity.enabled,
    createdAt: entity.createdAt.toISOString(),
  };
}

/** Robot URLs carry their credential (WeCom `key`, DingTalk `access_token`, Feishu's hook path): never shown whole. */
function maskedUrl(url: string): string {
  const parsed = new URL(url);
  for (const name of ['key', 'access_token', 'token'])
    if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
  parsed.pathname = parsed.pathname.replace(/\/hook\/[^/]+$/, '/hook/***');
  return parsed.toString();
}

function deliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    channelKind: row.channel_kind,
    notificationId: row.notification_id,
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
