import { Button, List, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_TYPES,
  type EvidenceContentType,
} from '@jiebang/contracts/evidence';
import { api, seg } from '../api/client';
import { evidenceKeys, useEvidence, useStep } from '../api/queries';
import type { EvidenceFile } from '../api/types';
import { useDateTime } from '../components/format';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

const ACCEPT = Object.values(EVIDENCE_TYPES)
  .flatMap((type) => type.extensions.map((extension) => `.${extension}`))
  .join(',');

/** The declared type, or the one its extension names when the browser does not know it (the API checks the bytes). */
function contentTypeOf(file: File): string {
  if (file.type in EVIDENCE_TYPES) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const byExtension = (Object.keys(EVIDENCE_TYPES) as EvidenceContentType[]).find((type) =>
    (EVIDENCE_TYPES[type].extensions as readonly string[]).includes(extension),
  );
  return byExtension ?? (file.type || 'application/octet-stream');
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 佐证材料 of a monthly report: the unit uploads and removes files while the report is editable;
 * everyone who may see the report (the head, the assessors in review) lists and downloads them.
 */
export function ReportEvidence({ path, editable }: { path: string; editable: boolean }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const base = `${path}/evidence`;
  const files = useEvidence(path);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const upload = useStep(
    (file: File) =>
      api.upload<EvidenceFile>(`${base}?name=${encodeURIComponent(file.name)}`, file, contentTypeOf(file)),
    [evidenceKeys.of(path)],
  );
  const remove = useStep((fileId: string) => api.delete(`${base}/${seg(fileId)}`), [evidenceKeys.of(path)]);
  const download = async (file: EvidenceFile) => {
    try {
      setDownloadError(null);
      const blob = await api.download(`${base}/${seg(file.id)}`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = file.fileName;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setDownloadError(error);
    }
  };
  return (
    <section aria-labelledby="evidence-title" style={{ marginTop: 12 }} data-testid="evidence">
      <Typography.Text strong id="evidence-title">
        {t('evidence')}
      </Typography.Text>
      {editable && (
        <Space direction="vertical" style={{ width: '100%', margin: '8px 0' }}>
          <Upload
            multiple
            accept={ACCEPT}
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) =>
              upload.mutate(file as File, {
                onSuccess: (saved) => onSuccess?.(saved),
                onError: (error) => onError?.(error),
              })
            }
          >
            <Button loading={upload.isPending}>{t('uploadEvidence')}</Button>
          </Upload>
          <Typography.Text type="secondary">
            {t('evidenceHint', { mb: EVIDENCE_MAX_BYTES / 1024 / 1024, n: EVIDENCE_MAX_FILES })}
          </Typography.Text>
        </Space>
      )}
      <RefusalAlert error={files.error ?? upload.error ?? remove.error ?? downloadError} />
      <List<EvidenceFile>
        size="small"
        loading={files.isLoading}
        dataSource={files.data ?? []}
        locale={{ emptyText: t('noEvidence') }}
        renderItem={(file) => (
          <List.Item
            data-evidence={file.fileName}
            actions={[
              <Button key="download" size="small" type="link" onClick={() => void download(file)}>
                {t('download')}
              </Button>,
              ...(editable
                ? [
                    <Button
                      key="remove"
                      size="small"
                      type="link"
                      danger
                      aria-label={`${t('remove')} ${file.fileName}`}
                      onClick={() => remove.mutate(file.id)}
                    >
                      {t('remove')}
                    </Button>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta
              title={file.fileName}
              description={`${sizeOf(file.sizeBytes)} · ${t('uploadedBy')} ${file.uploadedBy} · ${dateTime(file.uploadedAt)}`}
            />
          </List.Item>
        )}
      />
    </section>
  );
}
