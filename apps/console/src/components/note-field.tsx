import { Input } from 'antd';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/**
 * A free-text field of a step (a reason, a comment, a note), labelled for screen readers by its
 * placeholder's words. Inside an antd Form.Item the form gives it its value and onChange.
 */
export function NoteField({
  label,
  value,
  onChange,
  id,
}: {
  label: MessageKey;
  value?: string;
  onChange?(value: string): void;
  id?: string;
}) {
  const { t } = useI18n();
  return (
    <Input.TextArea
      id={id}
      aria-label={t(label)}
      placeholder={t(label)}
      value={value}
      onChange={(event) => onChange?.(event.target.value)}
    />
  );
}
