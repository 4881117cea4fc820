import { ProCard } from '@ant-design/pro-components';
import { Button, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { EscalationTask } from '@jiebang/contracts/delivery';
import { acknowledgeEscalationBody } from '@jiebang/contracts/http/messages';
import { api, checked, seg } from '../api/client';
import { escalationKeys, taskKeys, useEscalations, useStep } from '../api/queries';
import { useDateTime } from '../components/format';
import { useNames } from '../components/names';
import { NoteField } from '../components/note-field';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

/** 升级督办: escalations addressed to the person's roles, until someone of the role acknowledges them with a note. */
export function EscalationsCard() {
  const { t } = useI18n();
  const escalations = useEscalations();
  if (!escalations.data?.length) return null;
  return (
    <ProCard title={t('escalations')} size="small" data-testid="escalations">
      <List dataSource={escalations.data} renderItem={(task) => <EscalationItem task={task} />} />
    </ProCard>
  );
}

function EscalationItem({ task }: { task: EscalationTask }) {
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const names = useNames();
  const [note, setNote] = useState('');
  const acknowledge = useStep(
    () => api.post(`/escalations/${seg(task.id)}/acknowledgement`, checked(acknowledgeEscalationBody, { note })),
    [escalationKeys.all, taskKeys.all],
  );
  return (
    <List.Item>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag color="red">{t('escalations')}</Tag>
          <Typography.Text strong>{names.unit(task.unitId)}</Typography.Text>
          <Typography.Text>{task.reason}</Typography.Text>
          <Tag>{tc(task.addressedTo)}</Tag>
          <Typography.Text type="secondary">{dateTime(task.openedAt)}</Typography.Text>
        </Space>
        <NoteField label="acknowledgeNote" value={note} onChange={setNote} />
        <RefusalAlert error={acknowledge.error} />
        <Button onClick={() => acknowledge.mutate(undefined)} loading={acknowledge.isPending}>
          {t('acknowledge')}
        </Button>
      </Space>
    </List.Item>
  );
}
