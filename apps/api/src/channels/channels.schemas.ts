import { z } from 'zod';
import { DELIVERY_STATUSES } from '@jiebang/contracts';
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
