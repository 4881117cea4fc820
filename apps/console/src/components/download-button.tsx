import { Button } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { RefusalAlert } from './refusal-alert';

/** Downloads a file the API writes (a ledger, a workbook) under `fileName`; a refusal shows beside the button. */
export function DownloadButton({
  path,
  fileName,
  label = 'downloadLedger',
  disabled,
}: {
  path: string | null;
  fileName: string;
  label?: MessageKey;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    if (!path) return;
    setBusy(true);
    setError(null);
    try {
      const blob = await api.download(path);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = fileName;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button loading={busy} disabled={disabled || !path} onClick={download} data-download={fileName}>
        {t(label)}
      </Button>
      {error !== null && <RefusalAlert error={error} />}
    </>
  );
}
