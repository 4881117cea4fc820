import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, Empty, List, Radio, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { MessagePreferences, MessageView } from '@jiebang/contracts/delivery';
import type { NotificationKind } from '@jiebang/contracts/notification';
import { messagePreferencesBody } from '@jiebang/contracts/http/messages';
import { api, checked, seg } from '../api/client';
import { messageKeys, useMessagePreferences, useMessages, useStep } from '../api/queries';
import { useCycle } from '../components/cycle';
import { useDateTime } from '../components/format';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { consoleLinkOf } from './step-link';

type Shown = 'unread' | 'all';

const KIND_COLOURS: Record<NotificationKind, string> = {
  reminder: 'blue',
  deadline: 'orange',
  escalation: 'red',
  bulletin: 'green',
};

/** 消息中心: the person's messages, newest first, unread marked; each opens the step it asks for. */
export function MessagesPage() {
  const { t } = useI18n();
  const [shown, setShown] = useState<Shown>('all');
  const page = useMessages(shown === 'unread');
  const markAll = useStep(() => api.post<{ unread: number }>('/messages/read'), [messageKeys.all]);
  const unread = page.data?.unread ?? 0;
  return (
    <PageContainer title={t('messages.title')}>
      <ProCard direction="column" gutter={[0, 12]} ghost>
        <ProCard size="small">
          <Space wrap style={{ marginBottom: 12 }}>
            <Segmented<Shown>
              aria-label={t('messages.filter')}
              value={shown}
              onChange={setShown}
              options={[
                { value: 'all', label: t('all') },
                { value: 'unread', label: `${t('messages.unread')} ${unread}` },
              ]}
            />
            <Button onClick={() => markAll.mutate(undefined)} disabled={unread === 0} loading={markAll.isPending}>
              {t('messages.markAllRead')}
            </Button>
          </Space>
          <RefusalAlert error={page.error ?? markAll.error} />
          <List
            loading={page.isLoading}
            locale={{ emptyText: <Empty description={t('messages.none')} /> }}
            dataSource={page.data?.messages ?? []}
            renderItem={(message) => <MessageItem message={message} />}
          />
        </ProCard>
        <PreferencesCard />
      </ProCard>
    </PageContainer>
  );
}

function MessageItem({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const navigate = useNavigate();
  const { setCycleId } = useCycle();
  const unread = message.readAt === null;
  const markRead = useStep(() => api.post<{ unread: number }>(`/messages/${seg(message.id)}/read`), [messageKeys.all]);
  const target = consoleLinkOf(message.link);
  const open = (event: React.MouseEvent) => {
    event.preventDefault();
    if (unread) markRead.mutate(undefined);
    if (target.cycleId) setCycleId(target.cycleId);
    void navigate(target.path);
  };
  return (
    <List.Item
      data-message={message.id}
      data-unread={unread}
      className={unread ? 'jiebang-message-unread' : undefined}
      actions={
        unread
          ? [
              <Button key="read" size="small" onClick={() => markRead.mutate(undefined)} loading={markRead.isPending}>
                {t('messages.markRead')}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space wrap size={4}>
            {unread && <Tag color="red">{t('messages.unread')}</Tag>}
            <Tag color={KIND_COLOURS[message.kind]}>{t(`messages.kind.${message.kind}`)}</Tag>
            <Link to={target.path} onClick={open} style={{ fontWeight: unread ? 600 : 400 }}>
              {message.title}
            </Link>
          </Space>
        }
        description={
          <Space direction="vertical" size={0}>
            {message.lines
              .filter((line) => !line.endsWith(message.link))
              .map((line) => (
                <Typography.Text key={line} type="secondary">
                  {line}
                </Typography.Text>
              ))}
            <Typography.Text type="secondary">{dateTime(message.createdAt)}</Typography.Text>
            <RefusalAlert error={markRead.error} />
          </Space>
        }
      />
    </List.Item>
  );
}

/** The person's choices: the language of their messages, and one morning digest or one message per item. */
function PreferencesCard() {
  const { t } = useI18n();
  const saved = useMessagePreferences();
  const [draft, setDraft] = useState<MessagePreferences | null>(null);
  useEffect(() => {
    if (saved.data && !draft) setDraft(saved.data);
  }, [saved.data, draft]);
  const save = useStep(
    (preferences: MessagePreferences) =>
      api.put<MessagePreferences>('/messages/preferences', checked(messagePreferencesBody, preferences)),
    [messageKeys.preferences()],
  );
  if (!draft) return null;
  return (
    <ProCard title={t('messages.preferences')} size="small" data-testid="message-preferences">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <label htmlFor="message-language">{t('messages.language')}</label>
          <Select
            id="message-language"
            style={{ minWidth: 140 }}
            value={draft.language}
            onChange={(language) => setDraft({ ...draft, language })}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Space>
        <Radio.Group
          aria-label={t('messages.delivery')}
          value={draft.digest}
          onChange={(event) => setDraft({ ...draft, digest: event.target.value as boolean })}
        >
          <Space direction="vertical">
            <Radio value={false}>{t('messages.eachItem')}</Radio>
            <Radio value={true}>{t('messages.digest')}</Radio>
          </Space>
        </Radio.Group>
        <Typography.Text type="secondary">{t('messages.channelsNote')}</Typography.Text>
        <RefusalAlert error={save.error} />
        {save.isSuccess && <Alert role="status" type="success" showIcon message={t('messages.preferencesSaved')} />}
        <Button type="primary" onClick={() => save.mutate(draft)} loading={save.isPending}>
          {t('save')}
        </Button>
      </Space>
    </ProCard>
  );
}
