import type { Role } from './actor';
import type { ContactDetails, Language } from './account';
import type { RateLimit } from './http/channels';
import type { NoticeFacts } from './message-catalogue';

/** How delivery reaches a person: their contact details (accounts), language and digest choice. */
export interface PersonContact extends ContactDetails {
  language: Language;
  /** Personal channels (e-mail) carry one digest each working morning instead of one message per item. */
  digest: boolean;
}

// A channel, its SMTP settings and rate limits, and a delivery: schemas in contracts/http/channels.
export type { ChannelView, DeliveryView, RateLimit, SmtpSettings } from './http/channels';

export const CHANNEL_KINDS = ['email', 'dingtalk', 'wecom', 'feishu', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

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

export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

// A message, a person's page of them, their preferences and an escalation task: schemas in contracts/http/messages.
export type { EscalationTask, MessagePage, MessagePreferences, MessageView } from './http/messages';

/** A notice that reached nobody: no holder of its role (in its unit) and no channel for it; its facts say what it asked. */
export interface UnreachedNotice extends NoticeFacts {
  notificationId: string;
  recipientRole: Role;
  createdAt: string;
}
