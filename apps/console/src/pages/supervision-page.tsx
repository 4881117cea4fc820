import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, DatePicker, Descriptions, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  openSupervisionItemBody,
  respondToSupervisionItemBody,
  verifySupervisionItemBody,
} from '@jiebang/contracts/http/supervision';
import { api, checked, seg } from '../api/client';
import { changes, useStep, useSupervisionItem, useSupervisionItems } from '../api/queries';
import type { SupervisionItem } from '../api/types';
import { useCycle } from '../components/cycle';
import { useRefusalBesideFields } from '../components/field-problems';
import { useDateTime } from '../components/format';
import { UnitSelect, useNames } from '../components/names';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { DownloadButton } from '../components/download-button';
import { StackedTable } from '../components/stacked-table';

/** 督办事项 of the year; assessors open new ones. */
export function SupervisionPage() {
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const { cycle } = useCycle();
  const { has } = useSession();
  const names = useNames();
  const items = useSupervisionItems(cycle ? `cycleId=${seg(cycle.id)}` : null);
  return (
    <PageContainer
      title={t('supervision')}
      extra={
        <DownloadButton
          path={cycle ? `/cycles/${seg(cycle.id)}/ledgers/supervision` : null}
          fileName={`${cycle?.id ?? ''}-督办台账.xlsx`}
        />
      }
    >
      <RefusalAlert error={items.error} />
      <Space direction="vertical" style={{ width: '100%' }}>
        {has('ASSESSOR') && <OpenItem />}
        <ProCard size="small">
          {/* On a phone, one block per item: its unit, deadline and status beside their labels. */}
          <StackedTable<SupervisionItem>
            rowKey="id"
            paged
            scroll={{ x: 560 }}
            loading={items.isLoading}
            rows={items.data ?? []}
            columns={[
              {
                title: t('title'),
                dataIndex: 'title',
                render: (_, row) => <Link to={`/supervision/${encodeURIComponent(row.id)}`}>{row.title}</Link>,
              },
              { title: t('unit'), dataIndex: 'unitId', render: (_, row) => names.unit(row.unitId) },
              { title: t('deadline'), dataIndex: 'deadline', render: (_, row) => dateTime(row.deadline) },
              {
                title: t('status'),
                dataIndex: 'status',
                render: (_, row) => (
                  <>
                    <Tag>{tc(row.status, 'supervision')}</Tag>
                    {row.overdue && <Tag color="red">{t('overdue')}</Tag>}
                  </>
                ),
              },
            ]}
          />
        </ProCard>
      </Space>
    </PageContainer>
  );
}

interface OpenItemFields {
  unitId?: string;
  title?: string;
  description?: string;
  deadline?: Dayjs | null;
}

/** An assessor opens a supervision item (督办) for a unit; each problem of a refusal shows beside its field. */
function OpenItem() {
  const { t } = useI18n();
  const { cycle } = useCycle();
  const [form] = Form.useForm<OpenItemFields>();
  const besideFields = useRefusalBesideFields();
  const [leftOver, setLeftOver] = useState<unknown>(null);
  const open = useStep(
    ({ unitId, title, description, deadline }: OpenItemFields) =>
      api.post(
        '/supervision-items',
        checked(openSupervisionItemBody, {
          cycleId: cycle?.id,
          unitId,
          title: title ?? '',
          description: description ?? '',
          deadline: deadline ? deadline.toISOString() : undefined,
        }),
      ),
    changes.supervision(),
  );
  const finish = (fields: OpenItemFields) => {
    setLeftOver(null);
    open.mutate(fields, {
      onSuccess: () => form.resetFields(),
      onError: (error) => {
        if (!besideFields(form, error, { fields: ['unitId', 'title', 'description', 'deadline'] })) setLeftOver(error);
      },
    });
  };
  return (
    <ProCard title={t('openItem')} size="small" collapsible defaultCollapsed>
      <Form<OpenItemFields> form={form} name="open-item" layout="vertical" onFinish={finish} data-testid="open-item">
        <Form.Item name="unitId" label={t('unit')}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="title" label={t('title')}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('description')}>
          <Input.TextArea />
        </Form.Item>
        <Form.Item name="deadline" label={t('deadline')}>
          <DatePicker showTime />
        </Form.Item>
        <RefusalAlert error={leftOver} />
        {open.isSuccess && <Tag color="green">{t('done')}</Tag>}
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          {t('openItem')}
        </Button>
      </Form>
    </ProCard>
  );
}

/** One item: the unit responds; an assessor verifies and closes it (销号) or sends it back. */
export function SupervisionItemPage() {
  const { itemId } = useParams();
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const { has } = useSession();
  const [text, setText] = useState('');
  const detail = useSupervisionItem(itemId);
  // The item's own year names its unit, whatever year the picker holds.
  const names = useNames(detail.data?.cycleId);
  const path = `/supervision-items/${seg(itemId ?? '')}`;
  const respond = useStep(
    () => api.post(`${path}/response`, checked(respondToSupervisionItemBody, { text })),
    changes.supervision(itemId),
  );
  const verify = useStep(
    (accept: boolean) =>
      api.post(
        `${path}/verification`,
        checked(verifySupervisionItemBody, { accept, comment: text.trim() || undefined }),
      ),
    changes.supervision(itemId),
  );
  const item = detail.data;
  return (
    <PageContainer title={item?.title ?? t('supervision')}>
      <RefusalAlert error={detail.error} />
      {item && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <ProCard size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('unit')}>{names.unit(item.unitId)}</Descriptions.Item>
              <Descriptions.Item label={t('status')}>{tc(item.status, 'supervision')}</Descriptions.Item>
              <Descriptions.Item label={t('deadline')}>{dateTime(item.deadline)}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph>{item.description}</Typography.Paragraph>
          </ProCard>
          {item.status !== 'closed' && (
            <ProCard size="small" title={t('nextStep')}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea aria-label={t('description')} value={text} onChange={(e) => setText(e.target.value)} />
                <RefusalAlert error={respond.error ?? verify.error} />
                <Space wrap>
                  {has('UNIT_HEAD', 'UNIT_REPORTER') && (
                    <Button type="primary" onClick={() => respond.mutate(undefined)}>
                      {t('respond')}
                    </Button>
                  )}
                  {has('ASSESSOR') && item.status === 'responded' && (
                    <>
                      <Button type="primary" onClick={() => verify.mutate(true)}>
                        {t('closeItem')}
                      </Button>
                      <Button danger onClick={() => verify.mutate(false)}>
                        {t('returnItem')}
                      </Button>
                    </>
                  )}
                </Space>
              </Space>
            </ProCard>
          )}
          <ProCard size="small" title={t('steps')}>
            <Timeline
              items={item.events.map((event) => ({
                // What the workflow did on its own carries its log line (English, instants) as a note:
                // the event's words, 系统 and the time say it here; a person's note shows as written.
                // A person by their name (their account id only if the account is gone).
                children: `${t(`supervisionEvent.${event.kind}`)} · ${event.actorName ?? event.actorId ?? t('bySystem')} ${event.actorId === null ? '' : (event.note ?? '')} · ${dateTime(event.at)}`,
              }))}
            />
          </ProCard>
        </Space>
      )}
    </PageContainer>
  );
}
