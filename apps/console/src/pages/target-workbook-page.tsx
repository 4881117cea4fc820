import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, Descriptions, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { cycleKeys, useStep } from '../api/queries';
import type { CycleImported, WorkbookPreview } from '../api/types';
import { DownloadButton } from '../components/download-button';
import { RefusalAlert } from '../components/refusal-alert';
import { problemsOf, WorkbookProblems } from '../components/workbook-upload';
import { useI18n } from '../i18n/i18n';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 导入目标任务分解表: download the template, upload the filled workbook, see every problem by cell
 * or a preview (categories, units, indicator counts, weights per unit), then confirm the import.
 */
export function TargetWorkbookPage() {
  const { t, language } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const check = useStep((chosen: File) => api.upload<WorkbookPreview>('/workbooks/target/preview', chosen, XLSX), []);
  const confirm = useStep(
    (chosen: File) => api.upload<CycleImported>('/workbooks/target', chosen, XLSX),
    [cycleKeys.all],
  );
  const problems = problemsOf(check.error) ?? problemsOf(confirm.error);
  const choose = (chosen: File | null) => {
    setFile(chosen);
    check.reset();
    confirm.reset();
  };
  return (
    <PageContainer title={t('importTargetWorkbook')}>
      <ProCard style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('targetWorkbookHelp')}</Typography.Paragraph>
        <Space direction="vertical" size="middle">
          <DownloadButton
            path="/workbooks/target-template"
            fileName="目标任务分解表模板.xlsx"
            label="downloadTemplate"
          />
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(chosen) => {
              choose(chosen);
              return false; // checked with the button, not on choosing
            }}
            onRemove={() => choose(null)}
            fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
          >
            <Button>{t('chooseWorkbook')}</Button>
          </Upload>
          <Button disabled={!file} loading={check.isPending} onClick={() => file && check.mutate(file)}>
            {t('checkWorkbook')}
          </Button>
        </Space>
      </ProCard>
      {problems ? (
        <WorkbookProblems problems={problems} english={language === 'en'} />
      ) : (
        <RefusalAlert error={check.error ?? confirm.error} />
      )}
      {check.data && !confirm.data && (
        <Preview preview={check.data} confirming={confirm.isPending} onConfirm={() => file && confirm.mutate(file)} />
      )}
      {confirm.data && (
        <Alert
          type="success"
          showIcon
          data-testid="workbook-imported"
          message={t('workbookImported', { id: confirm.data.cycle.id, n: confirm.data.workflowsStarted })}
        />
      )}
    </PageContainer>
  );
}

function Preview({
  preview,
  confirming,
  onConfirm,
}: {
  preview: WorkbookPreview;
  confirming: boolean;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <ProCard data-testid="workbook-preview" title={t('workbookPreview')}>
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('cycle')}>{`${preview.year} ${preview.name}`}</Descriptions.Item>
        <Descriptions.Item label={t('indicatorCount')}>{preview.indicators}</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        style={{ marginBottom: 16 }}
        dataSource={preview.categories}
        columns={[
          { title: t('category'), dataIndex: 'name' },
          { title: t('unitCount'), dataIndex: 'units', width: 120 },
        ]}
      />
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        style={{ marginBottom: 16 }}
        dataSource={preview.units}
        columns={[
          { title: t('unit'), dataIndex: 'name' },
          {
            title: t('category'),
            dataIndex: 'category',
            render: (id: string) => preview.categories.find((category) => category.id === id)?.name ?? id,
          },
          { title: t('indicatorCount'), dataIndex: 'indicators', width: 120 },
          {
            title: t('weightTotal', { full: preview.fullScore }),
            dataIndex: 'weight',
            width: 160,
            render: (weight: number) => `${weight} / ${preview.fullScore}`,
          },
        ]}
      />
      <Button type="primary" loading={confirming} onClick={onConfirm}>
        {t('confirmImport')}
      </Button>
    </ProCard>
  );
}
