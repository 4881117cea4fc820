import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useAuditPage, useStep } from '../api/queries';
import { api } from '../api/client';
import type { AuditEntries, AuditVerification } from '../api/types';
import { useCycle } from '../components/cycle';
import { useDateTime } from '../components/format';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { DownloadButton } from '../components/download-button';

type Entry = AuditEntries['entries'][number];

/** The audit trail with filters, and the verification of its hash chain. */
export function AuditPage() {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const { cycle } = useCycle();
  const [filters, setFilters] = useState({ unitId: '', actor: '', action: '' });
  const [beforeSeq, setBeforeSeq] = useState<number | null>(null);
  const params = new URLSearchParams();
  if (cycle) params.set('cycleId', cycle.id);
  for (const [name, value] of Object.entries(filters)) if (value.trim()) params.set(name, value.trim());
  // The CSV holds every row the filters select, not only this page.
  const exportParams = new URLSearchParams(params);
  if (beforeSeq !== null) params.set('beforeSeq', String(beforeSeq));
  params.set('limit', '50');
  const page = useAuditPage(params.toString());
  const verify = useStep(() => api.get<AuditVerification>('/audit/verify'), []);
  const filter = (name: keyof typeof filters, label: 'unit' | 'actor' | 'action') => (
    <Input
      aria-label={t(label)}
      placeholder={t(label)}
      value={filters[name]}
      style={{ width: 140 }}
      onChange={(event) => {
        setBeforeSeq(null);
        setFilters((current) => ({ ...current, [name]: event.target.value }));
      }}
    />
  );
  return (
    <PageContainer
      title={t('auditTrail')}
      extra={
        <Space wrap>
          <DownloadButton path={`/audit/export?${exportParams}`} fileName="audit.csv" label="downloadAuditCsv" />
          <Button type="primary" onClick={() => verify.mutate(undefined)} loading={verify.isPending}>
            {t('verifyChain')}
          </Button>
        </Space>
      }
    >
      <RefusalAlert error={verify.error ?? page.error} />
      {verify.data && (
        <Alert
          role="status"
          style={{ marginBottom: 12 }}
          showIcon
          type={verify.data.ok ? 'success' : 'error'}
          message={
            verify.data.ok
              ? t('chainVerified', { n: verify.data.rowsChecked })
              : t('chainBroken', {
                  seq: verify.data.firstBreak?.seq ?? '?',
                  message: verify.data.firstBreak?.message ?? '',
                })
          }
          data-chain={verify.data.ok ? 'verified' : 'broken'}
        />
      )}
      <ProCard size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          {filter('unitId', 'unit')}
          {filter('actor', 'actor')}
          {filter('action', 'action')}
        </Space>
        <Table<Entry>
          size="small"
          rowKey="seq"
          scroll={{ x: 720 }}
          pagination={false}
          loading={page.isLoading}
          dataSource={page.data?.entries ?? []}
          columns={[
            { title: '#', dataIndex: 'seq', width: 70 },
            { title: t('time'), dataIndex: 'occurredAt', render: (value: string) => dateTime(value) },
            { title: t('actor'), dataIndex: 'actor' },
            { title: t('action'), dataIndex: 'action' },
            { title: t('subject'), dataIndex: 'subject' },
            { title: t('reason'), dataIndex: 'reason' },
          ]}
        />
        {page.data?.nextBeforeSeq != null && (
          <Button style={{ marginTop: 12 }} onClick={() => setBeforeSeq(page.data!.nextBeforeSeq)}>
            {t('loadMore')}
          </Button>
        )}
      </ProCard>
    </PageContainer>
  );
}
