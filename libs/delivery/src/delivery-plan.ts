import { audienceOf, type Language } from '@jiebang/contracts';
import type {
  Mention,
  NotificationChannelEntity,
  OutboxNotice,
  PlannedDelivery,
  DeliveryRecipient,
} from '@jiebang/persistence';

/**
 * Whether a channel carries a notice: its unit and role, when set, must match. A bulletin is for
 * every unit, so a unit's own channel carries it too, and a channel of either unit role.
 */
export function channelCarries(channel: NotificationChannelEntity, notice: OutboxNotice): boolean {
  const everyUnit = notice.kind === 'bulletin';
  return (
    (channel.unitId === null || everyUnit || channel.unitId === notice.unitId) &&
    (channel.role === null || audienceOf(notice).includes(channel.role))
  );
}

function mentionOf(recipient: DeliveryRecipient): Mention {
  const { userId, mobile, dingtalkUserId, wecomUserId, feishuUserId } = recipient;
  return { userId, mobile, dingtalkUserId, wecomUserId, feishuUserId };
}

/**
 * The deliveries of fresh notices: per e-mail channel one per recipient with an address who did not
 * choose the digest; per robot or webhook one to the group, @mentioning the recipients.
 */
export function planFanOut(
  notices: Array<{ notice: OutboxNotice; recipients: DeliveryRecipient[] }>,
  channels: NotificationChannelEntity[],
): PlannedDelivery[] {
  return notices.flatMap(({ notice, recipients }) =>
    channels
      .filter((channel) => channelCarries(channel, notice))
      .flatMap((channel): PlannedDelivery[] => {
        const base = { channelId: channel.id, notificationId: notice.id, digest: null };
        if (channel.kind !== 'email')
          return [
            { ...base, key: `${notice.id}/${channel.id}/group`, recipient: null, mentions: recipients.map(mentionOf) },
          ];
        return recipients
          .filter((recipient) => recipient.email && !recipient.digest)
          .map((recipient) => ({
            ...base,
            key: `${notice.id}/${channel.id}/${recipient.userId}`,
            recipient: recipient.userId,
            mentions: [],
          }));
      }),
  );
}

/** A morning's digests: per person and e-mail channel, one delivery listing the notices the channel carries. */
export function planDigest(
  day: string,
  people: Array<{ recipient: DeliveryRecipient; notices: OutboxNotice[] }>,
  channels: NotificationChannelEntity[],
): PlannedDelivery[] {
  return people
    .filter(({ recipient }) => recipient.email)
    .flatMap(({ recipient, notices }) =>
      channels
        .filter((channel) => channel.kind === 'email')
        .map((channel) => ({ channel, carried: notices.filter((notice) => channelCarries(channel, notice)) }))
        .filter(({ carried }) => carried.length > 0)
        .map(({ channel, carried }) => ({
          key: `digest/${day}/${channel.id}/${recipient.userId}`,
          channelId: channel.id,
          notificationId: null,
          recipient: recipient.userId,
          mentions: [],
          digest: { language: recipient.language as Language, notices: carried.map(factsOf) },
        })),
    );
}

function factsOf({ id: _id, recipientRole: _role, recipientUserId: _user, createdAt: _at, ...facts }: OutboxNotice) {
  return facts;
}
