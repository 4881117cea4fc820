import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { DeliveryStatus, DeliveryView, UnreachedNotice } from '@jiebang/contracts/delivery';
import { noticeWhat } from '@jiebang/contracts/message-catalogue';
import { api, seg } from '../api/client';
import { deliveryKeys, useDeliveries, useStep, useUnreached } from '../api/queries';
import { useDateTime } from '../components/format';
import { useNames } from '../components/names';
import { RefusalAlert } from '../components/refusal-alert';
import { languageTag, useI18n } from '../i18n/i18n';

type Shown = 'all' | DeliveryStatus;

const STATUS_COLOURS: Record<DeliveryStatus, string> = {
  pending: 'blue',
  sending: 'blue',
  delivered: 'green',
  dead: 'red',
};

/** 推送记录 (ADMIN): every send over a channel, dead letters with their last error and a resend; notices that reached nobody. */
export function DeliveriesPage() {
  const { t } = useI18n();
  const [shown, setShown] = useState<Shown>('dead');
  const deliveries = useDeliveries(shown);
  return (
    <PageContainer title={t('deliveries.title')}>
      <ProCard direction="column" gutter={[0, 12]} ghost>
        <ProCard size="small" title={t('deliveries.log')}>
          <Segmented<Shown>
            aria-label={t('status')}
            style={{ marginBottom: 12 }}
            value={shown}
            onChange={setShown}
            options={(['dead', 'pending', 'delivered', 'all'] as const).map((value) => ({
              value,
              label: value === 'all' ? t('all') : t(`deliveries.${value}`),
            }))}
          />
          <RefusalAlert error={deliveries.error} />
          <DeliveryTable deliveries={deliveries.data ?? []} loading={deliveries.isLoading} />
        </ProCard>
        <UnreachedCard />
      </ProCard>
    </PageContainer>
  );
}

function DeliveryTable({ deliveries, loading }: { deliveries: DeliveryView[]; loading: boolean }) {
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  return (
    <Table<DeliveryView>
      rowKey="id"
      size="small"
      scroll={{ x: 'max-content' }}
      loading={loading}
      dataSource={deliveries}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      onRow={(delivery) => ({ 'data-delivery': delivery.id, 'data-status': delivery.status }) as object}
      columns={[
        {
          title: t('status'),
          dataIndex: 'status',
          render: (status: DeliveryStatus) => <Tag color={STATUS_COLOURS[status]}>{t(`deliveries.${status}`)}</Tag>,
        },
        {
          title: t('deliveries.channel'),
          render: (_, delivery) => (
            <Space direction="vertical" size={0}>
              <Typography.Text>{delivery.channelName}</Typography.Text>
              <Typography.Text type="secondary">{tc(delivery.channelKind, 'channelKind')}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t('deliveries.lastError'),
          dataIndex: 'lastError',
          render: (error: string | null) =>
            error ? (
              <Typography.Text type="danger" style={{ maxWidth: 260 }} ellipsis={{ tooltip: error }}>
                {error}
              </Typography.Text>
            ) : (
              '—'
            ),
        },
        {
          title: t('actions'),
          render: (_, delivery) => (delivery.status === 'dead' ? <ResendButton delivery={delivery} /> : null),
        },
        { title: t('deliveries.attempts'), dataIndex: 'attempts' },
        {
          title: t('deliveries.recipient'),
          dataIndex: 'recipient',
          render: (recipient: string | null) => recipient ?? t('deliveries.group'),
        },
        { title: t('time'), dataIndex: 'createdAt', render: (at: string) => dateTime(at) },
        {
          title: t('deliveries.deliveredAt'),
          render: (_, delivery) =>
            delivery.deliveredAt
              ? dateTime(delivery.deliveredAt)
              : delivery.nextAttemptAt
                ? `${t('deliveries.nextAttempt')} ${dateTime(delivery.nextAttemptAt)}`
                : '—',
        },
      ]}
    />
  );
}

function ResendButton({ delivery }: { delivery: DeliveryView }) {
  const { t } = useI18n();
  const resend = useStep(
    () => api.post<{ resent: true }>(`/admin/deliveries/${seg(delivery.id)}/resend`),
    [deliveryKeys.all],
  );
  return (
    <Space direction="vertical" size={0}>
      <Button size="small" onClick={() => resend.mutate(undefined)} loading={resend.isPending}>
        {t('deliveries.resend')}
      </Button>
      <RefusalAlert error={resend.error} />
    </Space>
  );
}

function UnreachedCard() {
  const { t, tc, language } = useI18n();
  const dateTime = useDateTime();
  const names = useNames();
  const unreached = useUnreached();
  return (
    <ProCard size="small" title={t('deliveries.unreached')} data-testid="unreached">
      <Typography.Paragraph type="secondary">{t('deliveries.unreachedNote')}</Typography.Paragraph>
      <RefusalAlert error={unreached.error} />
      <Table<UnreachedNotice>
        rowKey="notificationId"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={unreached.isLoading}
        dataSource={unreached.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('time'), dataIndex: 'createdAt', render: (at: string) => dateTime(at) },
          { title: t('type'), dataIndex: 'kind', render: (kind: string) => t(`messages.kind.${kind as 'reminder'}`) },
          { title: t('deliveries.role'), dataIndex: 'recipientRole', render: (role: string) => tc(role) },
          { title: t('unit'), dataIndex: 'unitId', render: (unit: string | null) => names.unit(unit) },
          {
            title: t('subject'),
            key: 'what',
            render: (_, notice) => noticeWhat(notice, languageTag(language)),
          },
        ]}
      />
    </ProCard>
  );
}
