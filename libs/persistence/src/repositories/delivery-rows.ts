import type { Language, NoticeFacts, NotificationStep, Role } from '@jiebang/contracts';

/** A notification of the outbox with what delivery needs to render it. */
export interface OutboxNotice extends NoticeFacts {
  id: string;
  recipientRole: Role;
  /** Set: only this person of the role receives the notice. */
  recipientUserId: string | null;
  createdAt: Date;
}

/** A person a notice is for, with their contact details. */
export interface DeliveryRecipient {
  userId: string;
  email: string | null;
  mobile: string | null;
  dingtalkUserId: string | null;
  wecomUserId: string | null;
  feishuUserId: string | null;
  language: Language;
  digest: boolean;
}

/** Who a group robot @mentions: the ids each platform knows them by. */
export type Mention = Pick<DeliveryRecipient, 'userId' | 'mobile' | 'dingtalkUserId' | 'wecomUserId' | 'feishuUserId'>;

/** A digest frozen when it is written: the notices it lists, in the recipient's language. */
export interface DigestContent {
  language: Language;
  notices: NoticeFacts[];
}

/** A delivery to write when a notice fans out (or a digest is made); `key` makes writing it idempotent. */
export interface PlannedDelivery {
  key: string;
  channelId: string;
  notificationId: string | null;
  recipient: string | null;
  mentions: Mention[];
  digest: DigestContent | null;
}

/** A delivery claimed for sending, with its notice (or digest) and its recipient's contact. */
export interface ClaimedDelivery {
  id: string;
  channelId: string;
  attempts: number;
  notice: OutboxNotice | null;
  recipient: DeliveryRecipient | null;
  mentions: Mention[];
  digest: DigestContent | null;
}

export interface RawNoticeRow {
  id: string;
  kind: NoticeFacts['kind'];
  step: NotificationStep | null;
  cycle_id: string;
  unit_id: string | null;
  unit_name: string | null;
  month: number | null;
  subject_id: string | null;
  due_at: Date | null;
  subject: string;
  recipient_role: Role;
  recipient_user_id: string | null;
  created_at: Date;
}

/** The notice columns of `notifications n LEFT JOIN units u`. */
export const NOTICE_COLUMNS = `n.id, n.kind, n.step, n.cycle_id, n.unit_id, u.name AS unit_name, n.month, n.subject_id,
  n.due_at, n.subject, n.recipient_role, n.recipient_user_id, n.created_at`;

export const NOTICE_FROM = 'notifications n LEFT JOIN units u ON u.cycle_id = n.cycle_id AND u.id = n.unit_id';

export function noticeOf(row: RawNoticeRow): OutboxNotice {
  return {
    id: row.id,
    kind: row.kind,
    step: row.step,
    cycleId: row.cycle_id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    month: row.month,
    subjectId: row.subject_id,
    dueAt: row.due_at ? row.due_at.toISOString() : null,
    subject: row.subject,
    recipientRole: row.recipient_role,
    recipientUserId: row.recipient_user_id,
    createdAt: row.created_at,
  };
}

export interface RawRecipientRow {
  id: string;
  email: string | null;
  mobile: string | null;
  dingtalk_user_id: string | null;
  wecom_user_id: string | null;
  feishu_user_id: string | null;
  language: Language | null;
  digest: boolean;
}

export const RECIPIENT_COLUMNS = 'id, email, mobile, dingtalk_user_id, wecom_user_id, feishu_user_id, language, digest';

export function recipientOf(row: RawRecipientRow): DeliveryRecipient {
  return {
    userId: row.id,
    email: row.email,
    mobile: row.mobile,
    dingtalkUserId: row.dingtalk_user_id,
    wecomUserId: row.wecom_user_id,
    feishuUserId: row.feishu_user_id,
    language: row.language ?? 'zh-CN',
    digest: row.digest,
  };
}
