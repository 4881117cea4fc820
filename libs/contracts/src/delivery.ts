import type { NotificationKind } from './notification';
import type { Role } from './actor';
import type { ContactDetails, Language } from './account';
import type { NoticeFacts } from './message-catalogue';

/** How delivery reaches a person: their contact details (accounts), language and digest choice. */
export interface PersonContact extends ContactDetails {
  language: Language;
  /** Personal channels (e-mail) carry one digest each working morning instead of one message per item. */
  digest: boolean;
}

/** A person's own choices about their messages (PUT /messages/preferences). */
export type MessagePreferences = Pick<PersonContact, 'language' | 'digest'>;

export const CHANNEL_KINDS = ['email', 'dingtalk', 'wecom', 'feishu', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** At most `max` sends in any window of `perMs` milliseconds. */
export interface RateLimit {
  max: number;
  perMs: number;
}

/** The platforms' published limits: DingTalk and WeCom robots 20 a minute; Feishu 100 a minute and 5 a second. */
export const PLATFORM_RATE_LIMITS: Record<ChannelKind, RateLimit[]> = {
  email: [],
  dingtalk: [{ max: 20, perMs: 60_000 }],
  wecom: [{ max: 20, perMs: 60_000 }],
  feishu: [
    { max: 100, perMs: 60_000 },
    { max: 5, perMs: 1_000 },
  ],
  webhook: [],
};

/** SMTP settings of an e-mail channel; the password is its secret. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  from: string;
}

/**
 * A channel as administrators see it: where messages go and for whom. A channel carries the
 * notifications of its scope: `unitId` and `role` narrow it (null: every unit, every role).
 * The secret is never shown, only whether one is set.
 */
export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  unitId: string | null;
  role: Role | null;
  /** Robots and webhooks: the URL to post to. WeCom's key is part of it and shown masked. */
  url: string | null;
  smtp: SmtpSettings | null;
  hasSecret: boolean;
  rateLimits: RateLimit[];
  enabled: boolean;
  createdAt: string;
}

export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One send of one notification (or digest) to one recipient over one channel, as administrators see it. */
export interface DeliveryView {
  id: string;
  channelId: string;
  channelName: string;
  channelKind: ChannelKind;
  notificationId: string | null;
  /** The user a personal channel writes to; null for a group robot or webhook. */
  recipient: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** A message in a person's message centre (消息中心). */
export interface MessageView {
  id: string;
  notificationId: string;
  kind: NotificationKind;
  title: string;
  lines: string[];
  /** The path of the step the message asks for, e.g. `/cycles/2026/units/u01/reports/3`. */
  link: string;
  cycleId: string;
  unitId: string | null;
  month: number | null;
  dueAt: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface MessagePage {
  messages: MessageView[];
  unread: number;
}

/** An escalation (升级督办) as a task of the role it is addressed to, until someone of that role acknowledges it. */
export interface EscalationTask {
  id: string;
  cycleId: string;
  unitId: string;
  addressedTo: Role;
  reason: string;
  openedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  note: string | null;
}

/** A notice that reached nobody: no holder of its role (in its unit) and no channel for it; its facts say what it asked. */
export interface UnreachedNotice extends NoticeFacts {
  notificationId: string;
  recipientRole: Role;
  createdAt: string;
}
