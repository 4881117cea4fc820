import { z } from 'zod';
import { CHANNEL_KINDS, DELIVERY_STATUSES } from '../delivery';
import { ROLES } from '@jiebang/domain';

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).max(2000);

const secret = (what: string) =>
  z
    .string({ message: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(1000);

const scope = {
  name: z.string().trim().min(1).max(100),
  /** Only this unit's notices (null: every unit). */
  unitId: z.string().min(1).nullable().default(null),
  /** Only notices for this role (null: every role). */
  role: z.enum(ROLES).nullable().default(null),
  enabled: z.boolean().default(true),
  /** Overrides the platform's limits (tests use short windows). */
  rateLimits: z
    .array(
      z.strictObject({ max: z.number().int().min(1).max(100_000), perMs: z.number().int().min(100).max(86_400_000) }),
    )
    .max(5)
    .optional(),
};

/** A channel as administrators configure it: kind-specific settings; the secret is written, never read back. */
export const channelBody = z.discriminatedUnion('kind', [
  z.strictObject({
    ...scope,
    kind: z.literal('email'),
    smtp: z.strictObject({
      host: z.string().trim().min(1).max(255),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean().default(false),
      user: z.string().min(1).nullable().default(null),
      from: z.string().trim().min(3).max(320),
    }),
    /** The SMTP password, when `smtp.user` is set. */
    secret: z.string().min(1).max(1000).optional(),
  }),
  z.strictObject({
    ...scope,
    kind: z.literal('dingtalk'),
    url: httpUrl,
    /** The robot's signing secret (加签, starts with SEC). */
    secret: secret('secret (the robot’s signing secret, 加签)'),
  }),
  z.strictObject({
    ...scope,
    kind: z.literal('wecom'),
    url: httpUrl.refine((url) => new URL(url).searchParams.get('key'), {
      message: 'must carry the robot key: …/send?key=<key>',
      params: { code: 'robot_key_missing' },
    }),
  }),
  z.strictObject({
    ...scope,
    kind: z.literal('feishu'),
    url: httpUrl,
    /** The robot's signature verification secret (签名校验). */
    secret: secret('secret (the robot’s signature verification secret, 签名校验)'),
  }),
  z.strictObject({
    ...scope,
    kind: z.literal('webhook'),
    url: httpUrl,
    /** Key of the HMAC-SHA256 signature header; at least 16 characters. */
    secret: secret('secret (the HMAC key)').pipe(z.string().min(16, 'secret must be at least 16 characters')),
  }),
]);

export const listDeliveriesQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export type ChannelBody = z.infer<typeof channelBody>;
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;

// Answers

/** At most `max` sends in any window of `perMs` milliseconds. */
export const rateLimit = z.object({ max: z.number(), perMs: z.number() });
export type RateLimit = z.infer<typeof rateLimit>;

/** SMTP settings of an e-mail channel; the password is its secret. */
export const smtpSettings = z.object({
  host: z.string(),
  port: z.number(),
  secure: z.boolean().describe('TLS from the first byte (port 465); otherwise STARTTLS when the server offers it'),
  user: z.string().nullable(),
  from: z.string(),
});
export type SmtpSettings = z.infer<typeof smtpSettings>;

/**
 * A channel as administrators see it: where messages go and for whom. A channel carries the
 * notifications of its scope: `unitId` and `role` narrow it (null: every unit, every role).
 * The secret is never shown, only whether one is set.
 */
export const channelView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  unitId: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  url: z
    .string()
    .nullable()
    .describe("Robots and webhooks: the URL to post to. WeCom's key is part of it and shown masked"),
  smtp: smtpSettings.nullable(),
  hasSecret: z.boolean(),
  rateLimits: z.array(rateLimit),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type ChannelView = z.infer<typeof channelView>;

/** One send of one notification (or digest) to one recipient over one channel, as administrators see it. */
export const deliveryView = z.object({
  id: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  channelKind: z.enum(CHANNEL_KINDS),
  notificationId: z.string().nullable(),
  recipient: z.string().nullable().describe('The user a personal channel writes to; null for a group robot or webhook'),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type DeliveryView = z.infer<typeof deliveryView>;
