import type { DataSource } from 'typeorm';
import { PLATFORM_RATE_LIMITS, renderDigest, renderNotice, type RateLimit } from '@jiebang/contracts';
import { calendarSchema, isWorkingDay, localDateOf, zoneOffsetMs, type CalendarSettings } from '@jiebang/domain';
import { DeliveryRepository, type ClaimedDelivery, type NotificationChannelEntity } from '@jiebang/persistence';
import { sendOver } from './channel-senders';
import { planDigest, planFanOut } from './delivery-plan';
import type { DeliveryOptions } from './delivery-options';
import { OutboundPolicy } from './outbound-policy';
import { SendFailure, type OutgoingMessage, type ResolvedChannel } from './outgoing-message';
import { SecretBox } from './secret-box';

export interface DeliveryLogger {
  warn(message: string): void;
  error(message: string): void;
}

/** What one send attempt came to: sent, to be tried again, or given up (dead-lettered). */
export type DeliveryAttemptOutcome = 'sent' | 'retry' | 'dead_lettered';

/** Told of every send attempt once its outcome is recorded (the worker's metrics). */
export interface DeliveryObserver {
  attempted(outcome: DeliveryAttemptOutcome): void;
}

/**
 * Carries the notifications outbox to people: fans each notice out to message centres and channel
 * deliveries, sends due deliveries within each channel's rate limit, retries with backoff and
 * dead-letters after `maxAttempts`, and writes the morning digest. All its state is in Postgres,
 * so any number of dispatchers may run and any may crash: a delivery claimed by a crashed process
 * is due again when its lease ends. Between a send and its record a crash sends once more; the
 * webhook's `x-jiebang-delivery` and the e-mail Message-ID let a receiver drop that repeat, the
 * robots have no such key.
 */
export class DeliveryDispatcher {
  private readonly repository: DeliveryRepository;
  private readonly secrets: SecretBox;
  private readonly policy: OutboundPolicy;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Channels with a batch in flight in this process. */
  private readonly busy = new Set<string>();

  constructor(
    dataSource: DataSource,
    private readonly options: DeliveryOptions,
    private readonly logger: DeliveryLogger,
    private readonly observer?: DeliveryObserver,
  ) {
    this.repository = new DeliveryRepository(dataSource);
    this.secrets = new SecretBox(options.secretKey);
    this.policy = new OutboundPolicy(options.outboundAllow);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling and waits for the sends in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.tick();
      } catch (error) {
        // The database may be away for a moment; nothing is lost, the next tick tries again.
        this.logger.error(`delivery tick failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!worked && this.running)
        await new Promise<void>((done) => {
          this.wake = done;
          setTimeout(done, this.options.pollMs);
        });
    }
  }

  /** One round: fan out, digest when it is time, send what is due. True when there was work. */
  async tick(): Promise<boolean> {
    let fannedOut = 0;
    for (;;) {
      const taken = await this.repository.dispatch(this.options.batchSize, planFanOut);
      fannedOut += taken;
      if (taken < this.options.batchSize) break;
    }
    await this.digestIfDue(new Date());
    const sent = await Promise.all(
      (await this.repository.channelsWithDueDeliveries())
        .filter((channelId) => !this.busy.has(channelId))
        .map((channelId) => this.sendBatch(channelId)),
    );
    return fannedOut > 0 || sent.some((count) => count > 0);
  }

  /** Claims and sends one batch of a channel's due deliveries; returns how many it sent or tried. */
  private async sendBatch(channelId: string): Promise<number> {
    this.busy.add(channelId);
    try {
      const entity = await this.repository.channel(channelId);
      if (!entity) return 0;
      const claimed = await this.repository.claim(channelId, {
        limit: this.options.batchSize,
        leaseMs: this.options.timeoutMs * 2 + 5_000,
        rateLimits: rateLimitsOf(entity),
        marginMs: 250,
      });
      if (claimed.length === 0) return 0;
      const channel = this.resolve(entity);
      await inParallel(claimed, this.options.concurrency, (delivery) => this.sendOne(channel, delivery));
      return claimed.length;
    } finally {
      this.busy.delete(channelId);
    }
  }

  private resolve(entity: NotificationChannelEntity): ResolvedChannel | SendFailure {
    try {
      return { entity, secret: entity.secretCipher ? this.secrets.open(entity.secretCipher) : null };
    } catch (error) {
      return new SendFailure(error instanceof Error ? error.message : String(error));
    }
  }

  private async sendOne(channel: ResolvedChannel | SendFailure, delivery: ClaimedDelivery): Promise<void> {
    try {
      if (channel instanceof SendFailure) throw channel;
      if (!channel.entity.enabled) throw new SendFailure('the channel is disabled');
      await sendOver(channel, this.messageOf(channel, delivery), {
        timeoutMs: this.options.timeoutMs,
        policy: this.policy,
      });
      await this.repository.delivered(delivery.id);
      this.observer?.attempted('sent');
    } catch (error) {
      const failure = error instanceof SendFailure ? error : new SendFailure(String(error));
      const dead = failure.permanent || delivery.attempts >= this.options.maxAttempts;
      await this.repository.failed(delivery.id, failure.message, dead ? null : this.retryAt(delivery.attempts));
      this.observer?.attempted(dead ? 'dead_lettered' : 'retry');
      if (dead)
        this.logger.warn(
          `delivery ${delivery.id} dead-lettered after ${delivery.attempts} attempt(s): ${failure.message}`,
        );
    }
  }

  private retryAt(attempts: number): Date {
    const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
    return new Date(Date.now() + delay);
  }

  /** The message of a delivery: personal channels in the recipient's language, groups in zh-CN. */
  private messageOf(channel: ResolvedChannel, delivery: ClaimedDelivery): OutgoingMessage {
    const base = this.options.publicUrl.replace(/\/$/, '');
    const language = channel.entity.kind === 'email' ? (delivery.recipient?.language ?? 'zh-CN') : 'zh-CN';
    const { notice } = delivery;
    if (!notice && !delivery.digest) throw new SendFailure('the delivery has neither a notice nor a digest', true);
    const rendered = notice
      ? renderNotice(notice, language, base)
      : renderDigest(delivery.digest!.notices, delivery.digest!.language, base);
    return {
      deliveryId: delivery.id,
      notificationId: notice?.id ?? null,
      title: rendered.title,
      lines: rendered.lines,
      link: `${base}${rendered.link}`,
      recipient: delivery.recipient,
      mentions: delivery.mentions,
      data: notice
        ? {
            kind: notice.kind,
            step: notice.step,
            cycleId: notice.cycleId,
            unitId: notice.unitId,
            month: notice.month,
            dueAt: notice.dueAt,
            recipientRole: notice.recipientRole,
          }
        : { kind: 'digest', notices: delivery.digest!.notices },
    };
  }

  /** After the digest time on a working day (the newest cycle's calendar), writes the day's digest once. */
  private async digestIfDue(now: Date): Promise<void> {
    const parsed = calendarSchema.safeParse((await this.repository.newestCalendar()) ?? {});
    const calendar: CalendarSettings = parsed.success ? parsed.data : {};
    const day = localDateOf(now.getTime(), calendar);
    if (!isWorkingDay(day, calendar)) return;
    const [hours, minutes] = this.options.digestAt.split(':').map(Number);
    const digestAt = Date.parse(`${day}T00:00:00Z`) - zoneOffsetMs(calendar) + (hours * 60 + minutes) * 60_000;
    if (now.getTime() < digestAt) return;
    await this.repository.writeDigest(day, (people, channels) => planDigest(day, people, channels));
  }
}

/** A channel's limits: its own when an administrator set them, else the platform's. */
function rateLimitsOf(channel: NotificationChannelEntity): RateLimit[] {
  return channel.rateLimits.length > 0 ? channel.rateLimits : PLATFORM_RATE_LIMITS[channel.kind];
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
