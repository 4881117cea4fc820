import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, Space, Switch, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiRefusal } from '../api/client';
import { accountKeys, useStep } from '../api/queries';
import type { ImportOutcome, ImportProblem } from '../api/types';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the API reads the file as: a spreadsheet by its name, else CSV. */
const typeOf = (file: File) => (/\.xlsx$/i.test(file.name) ? XLSX : 'text/csv');

interface ImportRequest {
  file: File;
  update: boolean;
  temporaryPasswords: boolean;
}

/** 导入通讯录: a district's address book from CSV or Excel; every bad row is listed, nothing imported until clean. */
export function AccountsImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [update, setUpdate] = useState(false);
  const [temporaryPasswords, setTemporaryPasswords] = useState(false);
  const run = useStep(
    ({ file, update, temporaryPasswords }: ImportRequest) =>
      api.upload<ImportOutcome>(
        `/accounts/import?update=${update}&temporaryPasswords=${temporaryPasswords}`,
        file,
        typeOf(file),
      ),
    [accountKeys.all],
  );
  const problems = problemsOf(run.error);
  return (
    <PageContainer title={t('importAddressBook')} extra={<Link to="/accounts">{t('accountManagement')}</Link>}>
      <ProCard style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('importColumns')}</Typography.Paragraph>
        <Space direction="vertical" size="middle">
          <Upload
            accept=".csv,.xlsx,text/csv"
            maxCount={1}
            beforeUpload={(chosen) => {
              setFile(chosen);
              run.reset();
              return false; // sent with the import button, not on choosing
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
          >
            <Button>{t('importFile')}</Button>
          </Upload>
          <Space>
            <Switch checked={update} onChange={setUpdate} aria-label={t('updateExisting')} id="update-existing" />
            <label htmlFor="update-existing">{t('updateExisting')}</label>
          </Space>
          <Space>
            <Switch
              checked={temporaryPasswords}
              onChange={setTemporaryPasswords}
              aria-label={t('issueTemporaryPasswords')}
              id="temporary-passwords"
            />
            <label htmlFor="temporary-passwords">{t('issueTemporaryPasswords')}</label>
          </Space>
          <Button
            type="primary"
            disabled={!file}
            loading={run.isPending}
            onClick={() => file && run.mutate({ file, update, temporaryPasswords })}
          >
            {t('startImport')}
          </Button>
        </Space>
      </ProCard>
      {problems ? <ImportProblems problems={problems} /> : <RefusalAlert error={run.error} />}
      {run.data && <ImportDone outcome={run.data} />}
    </PageContainer>
  );
}

/** The bad rows of a refused import (IMPORT_INVALID's details), or undefined for any other outcome. */
function problemsOf(error: unknown): ImportProblem[] | undefined {
  if (!(error instanceof ApiRefusal) || error.body.code !== 'IMPORT_INVALID') return undefined;
  return Array.isArray(error.body.details) ? (error.body.details as ImportProblem[]) : [];
}

function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  const { t } = useI18n();
  return (
    <ProCard data-testid="import-problems">
      <Alert
        role="alert"
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('importRefused', { n: problems.length })}
        data-refusal="IMPORT_INVALID"
      />
      <Table<ImportProblem>
        rowKey={(problem) => `${problem.line}-${problem.field}-${problem.message}`}
        size="small"
        pagination={false}
        dataSource={problems}
        columns={[
          { title: t('line'), dataIndex: 'line', width: 80 },
          { title: t('field'), dataIndex: 'field', width: 120 },
          { title: t('problem'), dataIndex: 'message' },
        ]}
      />
    </ProCard>
  );
}

function ImportDone({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useI18n();
  const passwords = Object.entries(outcome.temporaryPasswords ?? {});
  return (
    <ProCard data-testid="import-done">
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        message={t('importDone', {
          created: outcome.created.length,
          updated: outcome.updated.length,
          unchanged: outcome.unchanged.length,
        })}
      />
      {passwords.length > 0 && (
        <Table
          rowKey="0"
          size="small"
          pagination={false}
          dataSource={passwords}
          columns={[
            { title: t('accountId'), key: 'id', render: (_, [id]) => id },
            { title: t('temporaryPassword'), key: 'password', render: (_, [, password]) => <code>{password}</code> },
          ]}
        />
      )}
    </ProCard>
  );
}
