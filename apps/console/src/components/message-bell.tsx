import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useUnreadCount } from '../api/queries';
import { useI18n } from '../i18n/i18n';

/** Unread messages are counted every half minute: often enough for a reminder, light on the API. */
const UNREAD_POLL_MS = 30_000;

/** The header's bell: how many of the person's messages are unread; one click opens the message centre. */
export function MessageBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const unread = useUnreadCount(UNREAD_POLL_MS);
  const count = unread.data?.unread ?? 0;
  return (
    <Button
      size="small"
      type="text"
      aria-label={t('messages.bell', { n: count })}
      data-testid="message-bell"
      data-unread={count}
      onClick={() => void navigate('/messages')}
    >
      <span className="jiebang-bell">
        <BellShape />
        {/* A plain count rather than antd's Badge, which would add its animation to the first page's JavaScript. */}
        {count > 0 && <span className="jiebang-bell-count">{count > 99 ? '99+' : count}</span>}
      </span>
    </Button>
  );
}

function BellShape() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="currentColor">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}
