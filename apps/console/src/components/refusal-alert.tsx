import { Alert } from 'antd';
import { ApiRefusal } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { refusalDetail } from '../i18n/refusal-details';

/**
 * A refusal of the API beside the step that caused it, in the person's language: the refusal,
 * then what it is about, said from the problem's parameters (refusal-details.ts); the API's own
 * (English) sentence only where the catalogue cannot say it.
 */
export function RefusalAlert({ error }: { error: unknown }) {
  const { refusal, language } = useI18n();
  if (!error) return null;
  const code = error instanceof ApiRefusal ? error.body.code : 'INTERNAL';
  const params = error instanceof ApiRefusal ? error.body.params : undefined;
  const detail = refusalDetail(code, params, language) ?? (error instanceof Error ? error.message : String(error));
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ margin: '12px 0' }}
      message={refusal(code)}
      description={
        <span>
          {detail} <code>{code}</code>
        </span>
      }
      data-refusal={code}
    />
  );
}
