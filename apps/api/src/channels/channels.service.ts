import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  PLATFORM_RATE_LIMITS,
  type Actor,
  type ChannelView,
  type DeliveryView,
  type UnreachedNotice,
} from '@jiebang/contracts';
import { OutboundPolicy, OutboundRefused, resolveChecked, SecretBox, smtpTransport } from '@jiebang/delivery';
import {
  DeliveryRepository,
  NotificationChannelRepository,
  type DeliveryRow,
  type NotificationChannelEntity,
} from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { maskedUrl, secretFingerprint } from './channel-secrets';
import type { ChannelBody, ListDeliveriesQuery } from '@jiebang/contracts/http/channels';

export const CHANNEL_SECRET_BOX = Symbol('CHANNEL_SECRET_BOX');
export const OUTBOUND_POLICY = Symbol('OUTBOUND_POLICY');

/**
 * The SMTP check always takes this long, whatever the server does: an answer that came sooner for a
 * closed port than for a silent one would make the check a port scanner.
 */
const SMTP_CHECK_MS = 3_000;

/** Administrators' channels (secrets sealed before they are stored) and the deliveries' dead letters. */
@Injectable()
export class ChannelsService {
  constructor(
    @Inject(NotificationChannelRepository) private readonly channels: NotificationChannelRepository,
    @Inject(DeliveryRepository) private readonly deliveries: DeliveryRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CHANNEL_SECRET_BOX) private readonly secrets: SecretBox,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OUTBOUND_POLICY) private readonly policy: OutboundPolicy,
  ) {}

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
    return this.saveAudited(actor, entity, 'channel.created', secretFacts(null, null, entity, secretOf(body)));
  }

  /** Replaces a channel's settings (the secret must be given again: it is never read back). */
  async replace(actor: Actor, id: string, body: ChannelBody): Promise<ChannelView> {
    const entity = await this.existing(id);
    const clash = await this.channels.findByName(body.name);
    if (clash && clash.id !== id)
      throw new ApiException('CHANNEL_NAME_TAKEN', `A channel named "${body.name}" exists already`);
    const before = { url: entity.url, secret: this.openedSecret(entity) };
    Object.assign(entity, await this.settingsOf(body));
    return this.saveAudited(
      actor,
      entity,
      'channel.changed',
      secretFacts(before.url, before.secret, entity, secretOf(body)),
    );
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

  private openedSecret(entity: NotificationChannelEntity): string | null {
    try {
      return entity.secretCipher ? this.secrets.open(entity.secretCipher) : null;
    } catch {
      return null;
    }
  }

  /**
   * The stored settings of a body: the destination allowed by the policy, the secret sealed; an
   * e-mail channel's SMTP server must answer.
   */
  private async settingsOf(body: ChannelBody): Promise<Partial<NotificationChannelEntity>> {
    const secret = secretOf(body);
    await this.checkDestination(body.kind === 'email' ? body.smtp.host : new URL(body.url).hostname, body.kind);
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

  /**
   * The destination policy on save (it is checked again on every send): an address or a name that
   * resolves outside the public internet is refused unless OUTBOUND_ALLOW lists it. A name that
   * does not resolve now is accepted; the send checks what it resolves to then.
   */
  private async checkDestination(host: string, kind: ChannelBody['kind']): Promise<void> {
    try {
      await resolveChecked(host, this.policy);
    } catch (error) {
      if (error instanceof OutboundRefused)
        throw new ApiException(
          'CHANNEL_DESTINATION_REFUSED',
          `${kind === 'email' ? 'smtp.host' : 'url'}: ${error.reason}`,
        );
    }
  }

  /**
   * Whether the SMTP server takes a connection (and the sign-in), answered after SMTP_CHECK_MS
   * either way, with no detail from the server: reachable or not.
   */
  private async verifySmtp(settings: Partial<NotificationChannelEntity>, secret: string | null): Promise<void> {
    const smtp = settings.smtp!;
    const entity = { ...settings, id: 'check', updatedAt: new Date() } as NotificationChannelEntity;
    const answerAt = Date.now() + SMTP_CHECK_MS;
    let reachable = false;
    try {
      const [address] = await resolveChecked(smtp.host, this.policy);
      const transport = smtpTransport({ entity, secret }, SMTP_CHECK_MS - 500, address.address);
      try {
        reachable = await Promise.race([
          transport.verify().then(
            () => true,
            () => false,
          ),
          new Promise<false>((done) => setTimeout(() => done(false), Math.max(0, answerAt - Date.now() - 100))),
        ]);
      } finally {
        transport.close();
      }
    } catch {
      reachable = false;
    }
    await new Promise((done) => setTimeout(done, Math.max(0, answerAt - Date.now())));
    if (!reachable)
      throw new ApiException('SMTP_UNREACHABLE', `The SMTP server ${smtp.host}:${smtp.port} is not reachable`);
  }

  private async saveAudited(
    actor: Actor,
    entity: NotificationChannelEntity,
    action: string,
    secrets: SecretFacts,
  ): Promise<ChannelView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await this.channels.within(manager).save(entity);
      await this.audit.record(
        { actor, role: 'ADMIN', action, subject: `channels/${row.id}`, change: { ...channelView(row), ...secrets } },
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

function secretOf(body: ChannelBody): string | null {
  return 'secret' in body && body.secret ? body.secret : null;
}

/** What the audit trail keeps of a channel's secrets: whether they changed, and fingerprints, never the values. */
interface SecretFacts {
  secretFingerprint: string | null;
  secretChanged: boolean;
  urlFingerprint: string | null;
  urlChanged: boolean;
}

function secretFacts(
  urlBefore: string | null,
  secretBefore: string | null,
  after: Partial<NotificationChannelEntity>,
  secretAfter: string | null,
): SecretFacts {
  return {
    secretFingerprint: secretFingerprint(secretAfter),
    secretChanged: secretBefore !== secretAfter,
    urlFingerprint: secretFingerprint(after.url),
    urlChanged: urlBefore !== (after.url ?? null),
  };
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
