import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Button, Descriptions, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, seg } from '../api/client';
import { useWorkflow, useWorkflows } from '../api/queries';
import type { WorkflowList } from '../api/types';
import { useCycle } from '../components/cycle';
import { useDateTime } from '../components/format';
import { UnitSelect, useNames } from '../components/names';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

type Summary = WorkflowList['workflows'][number];

/** The Temporal UI of `npm start` (port 8233) on the host the console came from. */
export function temporalUiLink(workflowId: string, runId?: string): string {
  const base = `${window.location.protocol}//${window.location.hostname}:8233/namespaces/default/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${runId}/history` : base;
}

/** Workflows by cycle, unit, phase and month, each with a link to the Temporal UI. */
export function WorkflowsPage() {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const { cycle } = useCycle();
  const names = useNames();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [phase, setPhase] = useState<string | undefined>();
  const [month, setMonth] = useState<number | null>(null);
  const params = new URLSearchParams();
  if (cycle) params.set('cycleId', cycle.id);
  if (unitId) params.set('unitId', unitId);
  if (phase) params.set('phase', phase);
  const list = useWorkflows(cycle ? params.toString() : null);
  const rows = (list.data?.workflows ?? []).filter((row) => month === null || row.month === month);
  return (
    <PageContainer title={t('workflows')}>
      <ProCard size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <UnitSelect allowClear value={unitId} onChange={setUnitId} />
          <Select
            allowClear
            aria-label={t('phase')}
            placeholder={t('phase')}
            value={phase}
            onChange={setPhase}
            style={{ width: 140 }}
            options={['pledge', 'reporting', 'closed', 'awaiting_approval', 'in_progress'].map((value) => ({
              value,
              label: value,
            }))}
          />
          <InputNumber
            aria-label={t('month')}
            placeholder={t('month')}
            min={1}
            max={12}
            value={month}
            onChange={setMonth}
          />
        </Space>
        <RefusalAlert error={list.error} />
        <Table<Summary>
          size="small"
          rowKey="workflowId"
          scroll={{ x: 720 }}
          loading={list.isLoading}
          dataSource={rows}
          columns={[
            {
              title: 'ID',
              dataIndex: 'workflowId',
              render: (id: string) => <Link to={`/workflows/${encodeURIComponent(id)}`}>{id}</Link>,
            },
            { title: t('type'), dataIndex: 'type' },
            {
              title: t('unit'),
              dataIndex: 'unitId',
              render: (value: string | null) => (value ? names.unit(value) : '—'),
            },
            { title: t('status'), dataIndex: 'status', render: (value: string) => <Tag>{value}</Tag> },
            { title: t('phase'), dataIndex: 'phase' },
            { title: t('month'), dataIndex: 'month' },
            { title: t('started'), dataIndex: 'startTime', render: (value: string) => dateTime(value) },
            {
              title: t('temporalUi'),
              key: 'ui',
              render: (_, row) => (
                <a href={temporalUiLink(row.workflowId, row.runId)} target="_blank" rel="noreferrer">
                  {t('temporalUi')}
                </a>
              ),
            },
          ]}
        />
      </ProCard>
    </PageContainer>
  );
}

/** One workflow: its state, pending steps and timers, and its history to download. */
export function WorkflowPage() {
  const { workflowId } = useParams();
  const { t, tc } = useI18n();
  const dateTime = useDateTime();
  const names = useNames();
  const detail = useWorkflow(workflowId);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const download = async () => {
    try {
      const history = await api.get<unknown>(`/admin/workflows/${seg(workflowId!)}/history`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([JSON.stringify(history, null, 2)], { type: 'application/json' }));
      link.download = `${workflowId!.replace(/[^\w.-]+/g, '_')}.history.json`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setDownloadError(error);
    }
  };
  const item = detail.data;
  return (
    <PageContainer
      title={workflowId}
      extra={
        <Space wrap>
          <Button onClick={download}>{t('downloadHistory')}</Button>
          {workflowId && (
            <a href={temporalUiLink(workflowId, item?.runId)} target="_blank" rel="noreferrer">
              {t('temporalUi')}
            </a>
          )}
        </Space>
      }
    >
      <RefusalAlert error={detail.error ?? downloadError} />
      {item && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <ProCard size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
              <Descriptions.Item label={t('type')}>{item.type}</Descriptions.Item>
              <Descriptions.Item label={t('status')}>{item.status}</Descriptions.Item>
              <Descriptions.Item label={t('phase')}>{item.phase ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('cycle')}>{item.cycleId ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('unit')}>{item.unitId ? names.unit(item.unitId) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('started')}>{dateTime(item.startTime)}</Descriptions.Item>
            </Descriptions>
          </ProCard>
          <ProCard size="small" title={t('pendingSteps')}>
            <Table
              size="small"
              rowKey={(row) => `${row.step}-${row.role}-${row.month ?? ''}`}
              pagination={false}
              dataSource={item.pendingSteps ?? []}
              columns={[
                { title: t('action'), dataIndex: 'step', render: (step: string) => tc(step) },
                { title: t('status'), dataIndex: 'role', render: (role: string) => tc(role) },
                { title: t('month'), dataIndex: 'month' },
                { title: t('dueAt'), dataIndex: 'dueAt', render: (value: string | null) => dateTime(value) },
              ]}
            />
          </ProCard>
          <ProCard size="small" title={t('timers')}>
            <Table
              size="small"
              rowKey="timerId"
              pagination={false}
              dataSource={item.timers}
              columns={[
                { title: 'ID', dataIndex: 'timerId' },
                { title: t('started'), dataIndex: 'startedAt', render: (value: string) => dateTime(value) },
                { title: t('firesAt'), dataIndex: 'firesAt', render: (value: string) => dateTime(value) },
              ]}
            />
          </ProCard>
        </Space>
      )}
    </PageContainer>
  );
}
