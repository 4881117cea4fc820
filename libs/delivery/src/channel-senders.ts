import { createTransport, type Transporter } from 'nodemailer';
import type { ChannelKind } from '@jiebang/contracts';
import { postJson } from './http-post';
import { OutboundRefused, resolveChecked } from './outbound-address';
import type { OutboundPolicy } from './outbound-policy';
import { SendFailure, type OutgoingMessage, type ResolvedChannel } from './outgoing-message';
import { dingtalkSignedUrl, feishuSign, webhookSignature } from './signing';

export interface SenderOptions {
  timeoutMs: number;
  /** Where requests may go (OUTBOUND_ALLOW); checked after DNS resolution on every send. */
  policy: OutboundPolicy;
  now?: () => number;
}

type Sender = (channel: ResolvedChannel, message: OutgoingMessage, options: SenderOptions) => Promise<void>;

/** Platform codes that mean "too fast, try later"; every other non-zero code is a configuration fault. */
const RETRYABLE_ROBOT_CODES = new Set([130101, 45009, 9499, 11232]);

/** Sends one message over one channel; throws SendFailure when it did not arrive. */
export function sendOver(channel: ResolvedChannel, message: OutgoingMessage, options: SenderOptions): Promise<void> {
  return SENDERS[channel.entity.kind](channel, message, options);
}

const SENDERS: Record<ChannelKind, Sender> = {
  email: sendEmail,
  dingtalk: sendDingtalk,
  wecom: sendWecom,
  feishu: sendFeishu,
  webhook: sendWebhook,
};

function plainText(message: OutgoingMessage): string {
  return [message.title, ...message.lines].join('\n');
}

function requireSecret(channel: ResolvedChannel): string {
  if (!channel.secret) throw new SendFailure(`channel ${channel.entity.name} has no secret`, true);
  return channel.secret;
}

function requireUrl(channel: ResolvedChannel): string {
  if (!channel.entity.url) throw new SendFailure(`channel ${channel.entity.name} has no URL`, true);
  return channel.entity.url;
}

/** Robots answer 200 with an error code in the body; only the number is kept (their text is not ours to store). */
function checkRobotAnswer(answer: unknown, codeField: 'errcode' | 'code'): void {
  const body = (answer ?? {}) as Record<string, unknown>;
  const code = Number(body[codeField] ?? body.StatusCode ?? 0);
  if (code === 0) return;
  if (!Number.isSafeInteger(code)) throw new SendFailure('platform answered an unreadable error code', true);
  const retryable = RETRYABLE_ROBOT_CODES.has(code);
  throw new SendFailure(
    `platform answered error code ${code}: ${retryable ? 'too fast, will try again' : 'check the channel'}`,
    !retryable,
  );
}

/** DingTalk: markdown with the signature in the query; @mentions by mobile and user id (they must appear in the text). */
async function sendDingtalk(channel: ResolvedChannel, message: OutgoingMessage, options: SenderOptions) {
  const mobiles = message.mentions.map((m) => m.mobile).filter((v): v is string => Boolean(v));
  const userIds = message.mentions.map((m) => m.dingtalkUserId).filter((v): v is string => Boolean(v));
  const at = [...mobiles, ...userIds].map((id) => `@${id}`).join(' ');
  const text = [`### ${message.title}`, ...message.lines.map((l) => `- ${l}`), at].filter(Boolean).join('\n');
  const body = JSON.stringify({
    msgtype: 'markdown',
    markdown: { title: message.title, text },
    at: { atMobiles: mobiles, atUserIds: userIds, isAtAll: false },
  });
  const url = dingtalkSignedUrl(requireUrl(channel), requireSecret(channel), (options.now ?? Date.now)());
  checkRobotAnswer(await postJson(url, body, options), 'errcode');
}

/** WeCom: the key is in the URL; text messages carry @mentions by user id and mobile. */
async function sendWecom(channel: ResolvedChannel, message: OutgoingMessage, options: SenderOptions) {
  const body = JSON.stringify({
    msgtype: 'text',
    text: {
      content: plainText(message),
      mentioned_list: message.mentions.map((m) => m.wecomUserId).filter(Boolean),
      mentioned_mobile_list: message.mentions.map((m) => m.mobile).filter(Boolean),
    },
  });
  checkRobotAnswer(await postJson(requireUrl(channel), body, options), 'errcode');
}

/** Feishu: timestamp and sign in the body; @mentions as `<at user_id="ou_…"></at>` by the Feishu user id (open_id or user_id). */
async function sendFeishu(channel: ResolvedChannel, message: OutgoingMessage, options: SenderOptions) {
  const timestamp = Math.floor((options.now ?? Date.now)() / 1000);
  const at = message.mentions
    .map((m) => m.feishuUserId)
    .filter(Boolean)
    .map((id) => `<at user_id="${id}"></at>`)
    .join(' ');
  const body = JSON.stringify({
    timestamp: String(timestamp),
    sign: feishuSign(requireSecret(channel), timestamp),
    msg_type: 'text',
    content: { text: [plainText(message), at].filter(Boolean).join('\n') },
  });
  checkRobotAnswer(await postJson(requireUrl(channel), body, options), 'code');
}

/**
 * The generic webhook: JSON signed with HMAC-SHA256 over `<timestamp>.<body>`. `x-jiebang-delivery`
 * stays the same on every retry, so the receiver can drop a repeat.
 */
async function sendWebhook(channel: ResolvedChannel, message: OutgoingMessage, options: SenderOptions) {
  const timestamp = (options.now ?? Date.now)();
  const body = JSON.stringify({
    deliveryId: message.deliveryId,
    notificationId: message.notificationId,
    title: message.title,
    lines: message.lines,
    link: message.link,
    mentions: message.mentions.map((m) => m.userId),
    ...message.data,
  });
  await postJson(requireUrl(channel), body, {
    ...options,
    headers: {
      'x-jiebang-delivery': message.deliveryId,
      'x-jiebang-timestamp': String(timestamp),
      'x-jiebang-signature': webhookSignature(requireSecret(channel), timestamp, body),
    },
  });
}

const transports = new Map<string, Transporter>();

/**
 * A pooled SMTP connection per channel version and resolved address (a changed channel, or a name
 * that now resolves elsewhere, gets a new one). The host is resolved and checked on every send.
 */
async function transportOf(channel: ResolvedChannel, options: SenderOptions): Promise<Transporter> {
  const address = await smtpAddress(channel, options.policy);
  const key = `${channel.entity.id}/${channel.entity.updatedAt.toISOString()}/${address}`;
  let transport = transports.get(key);
  if (!transport) {
    transport = smtpTransport(channel, options.timeoutMs, address);
    transports.set(key, transport);
  }
  return transport;
}

/** The checked address of an e-mail channel's SMTP host; throws OutboundRefused when the policy refuses it. */
export async function smtpAddress(channel: ResolvedChannel, policy: OutboundPolicy): Promise<string> {
  const smtp = channel.entity.smtp;
  if (!smtp) throw new SendFailure(`channel ${channel.entity.name} has no SMTP settings`, true);
  const [first] = await resolveChecked(smtp.host, policy);
  return first.address;
}

/**
 * The nodemailer transport of an e-mail channel, connecting to `address` (the host as resolved and
 * checked by the policy; TLS still verifies the host's name). Also used to check a channel when it
 * is configured.
 */
export function smtpTransport(channel: ResolvedChannel, timeoutMs: number, address: string): Transporter {
  const smtp = channel.entity.smtp;
  if (!smtp) throw new SendFailure(`channel ${channel.entity.name} has no SMTP settings`, true);
  return createTransport({
    host: address,
    port: smtp.port,
    tls: { servername: smtp.host },
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: channel.secret ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

/** E-mail to the recipient's address; the Message-ID is the delivery's, the same on every retry. */
async function sendEmail(channel: ResolvedChannel, message: OutgoingMessage, options: SenderOptions) {
  const address = message.recipient?.email;
  if (!address) throw new SendFailure(`recipient ${message.recipient?.userId ?? '?'} has no e-mail address`, true);
  const text = plainText(message);
  try {
    await (
      await transportOf(channel, options)
    ).sendMail({
      from: channel.entity.smtp!.from,
      to: address,
      subject: message.title,
      text,
      html: `<p><strong>${escapeHtml(message.title)}</strong></p><ul>${message.lines
        .map((l) => `<li>${escapeHtml(l)}</li>`)
        .join('')}</ul><p><a href="${escapeHtml(message.link)}">${escapeHtml(message.link)}</a></p>`,
      messageId: `<${message.deliveryId}@jiebang>`,
    });
  } catch (error) {
    if (error instanceof OutboundRefused) throw new SendFailure(error.message, true);
    if (error instanceof SendFailure) throw error;
    const smtpError = error as { responseCode?: number; code?: string; message?: string };
    // 5xx SMTP replies (mailbox unknown, relay refused) will not change on retry; connection trouble will.
    const permanent = typeof smtpError.responseCode === 'number' && smtpError.responseCode >= 500;
    // The server's own text is not kept: the reply code and nodemailer's error code say enough.
    const reply = typeof smtpError.responseCode === 'number' ? ` reply ${smtpError.responseCode}` : '';
    const socket = /\b(E[A-Z]{3,})\b/.exec(smtpError.message ?? '')?.[1];
    const detail = socket && socket !== smtpError.code ? ` ${socket}` : '';
    throw new SendFailure(`SMTP: ${smtpError.code ?? 'error'}${detail}${reply}`, permanent);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
