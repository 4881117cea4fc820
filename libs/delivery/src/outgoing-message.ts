import type { NotificationChannelEntity, Mention, DeliveryRecipient } from '@jiebang/persistence';

/** A channel with its secret in clear, only in the sender's memory. */
export interface ResolvedChannel {
  entity: NotificationChannelEntity;
  secret: string | null;
}

/** What one send carries, rendered for its reader. */
export interface OutgoingMessage {
  deliveryId: string;
  notificationId: string | null;
  title: string;
  lines: string[];
  /** The absolute link of the step. */
  link: string;
  /** The recipient of a personal channel. */
  recipient: DeliveryRecipient | null;
  /** Whom a group robot @mentions. */
  mentions: Mention[];
  /** The structured notice for the generic webhook. */
  data: Record<string, unknown>;
}

/** A send that did not arrive; `permanent` ones are dead-lettered at once instead of retried. */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}
