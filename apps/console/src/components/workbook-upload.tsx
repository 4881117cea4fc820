import { ProCard } from '@ant-design/pro-components';
import { Alert, Button, Space, Table, Upload } from 'antd';
import { api, ApiRefusal } from '../api/client';
import type { QueryKey } from '@tanstack/react-query';
import { useStep } from '../api/queries';
import type { WorkbookProblem } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { DownloadButton } from './download-button';
import { RefusalAlert } from './refusal-alert';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The problems of a refused workbook (WORKBOOK_INVALID's details), or undefined for any other outcome. */
export function problemsOf(error: unknown): WorkbookProblem[] | undefined {
  if (!(error instanceof ApiRefusal) || error.body.code !== 'WORKBOOK_INVALID') return undefined;
  return Array.isArray(error.body.details) ? (error.body.details as WorkbookProblem[]) : [];
}

/** Every problem of a refused workbook, by cell, in the person's language. */
export function WorkbookProblems({ problems, english }: { problems: WorkbookProblem[]; english: boolean }) {
  const { t } = useI18n();
  return (
    <ProCard data-testid="workbook-problems">
      <Alert
        role="alert"
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('workbookRefused', { n: problems.length })}
        data-refusal="WORKBOOK_INVALID"
      />
      <Table<WorkbookProblem>
        rowKey={(problem) => `${problem.cell}-${problem.messageEn}`}
        size="small"
        pagination={false}
        dataSource={problems}
        columns={[
          { title: t('cellPlace'), dataIndex: 'cell', width: 140 },
          {
            title: t('problem'),
            key: 'message',
            render: (_, problem) => (english ? problem.messageEn : problem.message),
          },
        ]}
      />
    </ProCard>
  );
}

/**
 * A workbook for many steps at once: download it, fill it, upload it. The upload is sent as soon
 * as it is chosen; a refusal lists every problem by cell, a success says what happened.
 */
export function WorkbookRoundTrip<Output>({
  path,
  fileName,
  downloadLabel,
  uploadLabel,
  canUpload,
  done,
  onTaken,
  invalidates,
}: {
  /** Both ways: GET gives the workbook, POST takes it back. */
  path: string;
  fileName: string;
  downloadLabel: MessageKey;
  uploadLabel: MessageKey;
  canUpload: boolean;
  /** What to say once the upload is taken. */
  done: (output: Output) => string;
  onTaken?: (output: Output) => void;
  /** The reads the workbook's steps change (e.g. the unit whose report it fills). */
  invalidates: readonly QueryKey[];
}) {
  const { t, language } = useI18n();
  const upload = useStep((file: File) => api.upload<Output>(path, file, XLSX), invalidates);
  const problems = problemsOf(upload.error);
  return (
    <div data-testid="workbook-round-trip" style={{ margin: '12px 0' }}>
      <Space wrap>
        <DownloadButton path={path} fileName={fileName} label={downloadLabel} />
        {canUpload && (
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file, { onSuccess: (output) => onTaken?.(output) });
              return false;
            }}
          >
            <Button loading={upload.isPending}>{t(uploadLabel)}</Button>
          </Upload>
        )}
      </Space>
      {problems ? (
        <WorkbookProblems problems={problems} english={language === 'en'} />
      ) : (
        <RefusalAlert error={upload.error} />
      )}
      {upload.isSuccess && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          message={done(upload.data)}
          data-testid="workbook-taken"
        />
      )}
    </div>
  );
}
