import { Alert } from 'antd';
import { ApiRefusal } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** A refusal of the API beside the step that caused it: the person's language first, then the API's own words. */
export function RefusalAlert({ error }: { error: unknown }) {
  const { refusal, language } = useI18n();
  if (!error) return null;
  const code = error instanceof ApiRefusal ? error.body.code : 'INTERNAL';
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ margin: '12px 0' }}
      message={refusal(code)}
      description={
        // The API's own sentence is English: a Chinese page shows the refusal in Chinese and keeps only its code.
        <span>
          {language === 'en' && detail} <code>{code}</code>
        </span>
      }
      data-refusal={code}
    />
  );
}
