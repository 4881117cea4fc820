import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CHANNEL_KINDS, PLATFORM_RATE_LIMITS, type ChannelKind, type ChannelView } from '@jiebang/contracts/delivery';
import { ROLES, type Role } from '@jiebang/domain/roles';
import { channelBody } from '@jiebang/contracts/http/channels';
import { api, checked, seg } from '../api/client';
import { channelKeys, useChannel, useChannels, useStep } from '../api/queries';
import { useRefusalBesideFields } from '../components/field-problems';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

/** Kinds that sign with a secret the administrator gives (WeCom's key is in its URL; e-mail's is the SMTP password). */
const SIGNED: ChannelKind[] = ['dingtalk', 'feishu', 'webhook'];

/** 推送渠道 (ADMIN): where messages go besides the message centre, for whom; secrets never shown. */
export function ChannelsPage() {
  const { t, tc } = useI18n();
  const navigate = useNavigate();
  const channels = useChannels();
  return (
    <PageContainer
      title={t('channels.title')}
      extra={
        <Button type="primary" onClick={() => void navigate('/admin/channels/new')}>
          {t('channels.add')}
        </Button>
      }
    >
      <ProCard size="small">
        <RefusalAlert error={channels.error} />
        <Table<ChannelView>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={channels.isLoading}
          dataSource={channels.data ?? []}
          pagination={false}
          columns={[
            {
              title: t('channels.name'),
              dataIndex: 'name',
              render: (name: string, channel) => <Link to={`/admin/channels/${seg(channel.id)}`}>{name}</Link>,
            },
            {
              title: t('status'),
              dataIndex: 'enabled',
              render: (enabled: boolean) =>
                enabled ? <Tag color="green">{t('channels.enabled')}</Tag> : <Tag>{t('channels.paused')}</Tag>,
            },
            { title: t('channels.kind'), dataIndex: 'kind', render: (kind: ChannelKind) => tc(kind, 'channelKind') },
            {
              title: t('channels.scope'),
              render: (_, channel) => (
                <Space size={4} wrap>
                  <Tag>{channel.unitId ?? t('channels.everyUnit')}</Tag>
                  <Tag>{channel.role ? tc(channel.role) : t('channels.everyRole')}</Tag>
                </Space>
              ),
            },
            {
              title: t('channels.target'),
              render: (_, channel) => (
                <Typography.Text style={{ maxWidth: 320 }} ellipsis={{ tooltip: true }}>
                  {channel.url ?? (channel.smtp ? `${channel.smtp.host}:${channel.smtp.port}` : '—')}
                </Typography.Text>
              ),
            },
            {
              title: t('channels.secret'),
              dataIndex: 'hasSecret',
              render: (has: boolean) => (has ? t('channels.secretSet') : t('channels.secretNone')),
            },
            {
              title: t('channels.rateLimit'),
              render: (_, channel) => rateLimitText(channel, t('channels.perMinute'), t('channels.perSecond')),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('channels.note')}
        </Typography.Paragraph>
      </ProCard>
    </PageContainer>
  );
}

function rateLimitText(channel: ChannelView, perMinute: string, perSecond: string): string {
  if (channel.rateLimits.length === 0) return '—';
  return channel.rateLimits
    .map(({ max, perMs }) =>
      perMs === 60_000 ? `${max}${perMinute}` : perMs === 1_000 ? `${max}${perSecond}` : `${max}/${perMs}ms`,
    )
    .join('，');
}

interface ChannelFields {
  name: string;
  kind: ChannelKind;
  unitId?: string;
  role?: Role;
  enabled: boolean;
  url?: string;
  secret?: string;
  smtp?: { host?: string; port?: number; secure?: boolean; user?: string; from?: string };
}

const FORM_FIELDS = ['name', 'kind', 'unitId', 'role', 'enabled', 'url', 'secret', 'smtp'];

/** Adds a channel or changes one. Checked with the API's own schema; the API's refusals appear beside their field. */
export function ChannelFormPage() {
  const { channelId } = useParams();
  const existing = useChannel(channelId);
  const { t } = useI18n();
  if (channelId && !existing.data)
    return (
      <PageContainer title={t('channels.edit')} loading={existing.isLoading}>
        <RefusalAlert error={existing.error} />
      </PageContainer>
    );
  return <ChannelForm key={channelId ?? 'new'} existing={existing.data} />;
}

function ChannelForm({ existing }: { existing?: ChannelView }) {
  const { t, tc } = useI18n();
  const besideFields = useRefusalBesideFields();
  const navigate = useNavigate();
  const [form] = Form.useForm<ChannelFields>();
  const [leftOver, setLeftOver] = useState<unknown>(null);
  const kind = Form.useWatch('kind', form) ?? existing?.kind ?? 'webhook';
  const maskedUrl = existing?.url?.includes('***') ? existing.url : null;
  const save = useStep(
    (fields: ChannelFields) => {
      const body = checked(channelBody, bodyOf(fields, existing));
      return existing
        ? api.put<ChannelView>(`/admin/channels/${seg(existing.id)}`, body)
        : api.post<ChannelView>('/admin/channels', body);
    },
    [channelKeys.all],
  );
  const submit = (fields: ChannelFields) => {
    setLeftOver(null);
    save.mutate(fields, {
      onSuccess: () => void navigate('/admin/channels'),
      onError: (error) => {
        const placed = besideFields(form, error, {
          fields: FORM_FIELDS,
          fieldOfCode: { CHANNEL_NAME_TAKEN: 'name', SMTP_UNREACHABLE: 'smtp.host' },
        });
        if (!placed) setLeftOver(error);
      },
    });
  };
  return (
    <PageContainer title={existing ? t('channels.edit') : t('channels.add')}>
      <ProCard size="small">
        <Form<ChannelFields>
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          onFinish={submit}
          initialValues={initialValuesOf(existing, maskedUrl !== null)}
          data-testid="channel-form"
        >
          <Form.Item name="name" label={t('channels.name')}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('channels.kind')}>
            <Select options={CHANNEL_KINDS.map((each) => ({ value: each, label: tc(each, 'channelKind') }))} />
          </Form.Item>
          {kind !== 'email' && (
            <Form.Item
              name="url"
              label={t('channels.url')}
              extra={maskedUrl ? t('channels.urlMasked', { url: maskedUrl }) : t(`channels.urlHint.${kind}`)}
            >
              <Input inputMode="url" placeholder={maskedUrl ?? undefined} />
            </Form.Item>
          )}
          {kind === 'email' && <SmtpFields />}
          {(SIGNED.includes(kind) || kind === 'email') && (
            <Form.Item
              name="secret"
              label={kind === 'email' ? t('channels.smtpPassword') : t('channels.secret')}
              extra={
                existing?.hasSecret ? t('channels.secretReplace') : kind === 'webhook' ? t('channels.secretHint') : null
              }
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Space wrap size="large">
            <Form.Item name="unitId" label={t('channels.unitScope')} extra={t('channels.everyUnitHint')}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="role" label={t('channels.roleScope')}>
              <Select
                allowClear
                style={{ width: 220 }}
                placeholder={t('channels.everyRole')}
                options={ROLES.map((role) => ({ value: role, label: tc(role) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {leftOver !== null && <RefusalAlert error={leftOver} />}
          {existing && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('channels.replaceNote')} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('save')}
            </Button>
            <Button onClick={() => void navigate('/admin/channels')}>{t('cancel')}</Button>
          </Space>
        </Form>
      </ProCard>
    </PageContainer>
  );
}

function SmtpFields() {
  const { t } = useI18n();
  return (
    <Space wrap size="large" align="start">
      <Form.Item name={['smtp', 'host']} label={t('channels.smtpHost')}>
        <Input style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name={['smtp', 'port']} label={t('channels.smtpPort')}>
        <InputNumber style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name={['smtp', 'secure']} label={t('channels.smtpSecure')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name={['smtp', 'user']} label={t('channels.smtpUser')}>
        <Input style={{ width: 220 }} autoComplete="off" />
      </Form.Item>
      <Form.Item name={['smtp', 'from']} label={t('channels.smtpFrom')}>
        <Input style={{ width: 260 }} />
      </Form.Item>
    </Space>
  );
}

function initialValuesOf(existing: ChannelView | undefined, urlMasked: boolean): Partial<ChannelFields> {
  if (!existing) return { kind: 'webhook', enabled: true, smtp: { port: 25, secure: false } };
  return {
    name: existing.name,
    kind: existing.kind,
    unitId: existing.unitId ?? undefined,
    role: existing.role ?? undefined,
    enabled: existing.enabled,
    // A masked URL is never sent back: its token would be lost. It is typed again in full.
    url: urlMasked ? undefined : (existing.url ?? undefined),
    smtp: existing.smtp ? { ...existing.smtp, user: existing.smtp.user ?? undefined } : { port: 25, secure: false },
  };
}

/** The request body of the form's fields: only what the channel's kind takes, blank optional fields left out. */
function bodyOf(fields: ChannelFields, existing: ChannelView | undefined): unknown {
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
  const kind = fields.kind;
  const customLimits =
    existing &&
    existing.kind === kind &&
    JSON.stringify(existing.rateLimits) !== JSON.stringify(PLATFORM_RATE_LIMITS[kind])
      ? existing.rateLimits
      : undefined;
  return {
    name: fields.name ?? '',
    kind,
    unitId: text(fields.unitId) ?? null,
    role: fields.role ?? null,
    enabled: fields.enabled,
    ...(customLimits ? { rateLimits: customLimits } : {}),
    ...(kind === 'email'
      ? {
          smtp: {
            host: fields.smtp?.host ?? '',
            port: fields.smtp?.port,
            secure: fields.smtp?.secure ?? false,
            user: text(fields.smtp?.user) ?? null,
            from: fields.smtp?.from ?? '',
          },
          ...(text(fields.secret) ? { secret: fields.secret } : {}),
        }
      : { url: fields.url ?? '' }),
    ...(SIGNED.includes(kind) ? { secret: fields.secret ?? '' } : {}),
  };
}
