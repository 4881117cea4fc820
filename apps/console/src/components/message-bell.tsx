import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useUnreadCount } from '../api/queries';
import { useI18n } from '../i18n/i18n';
import { BellShape } from './header-icons';

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
