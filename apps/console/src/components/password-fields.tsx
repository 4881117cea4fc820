import { Form, Input } from 'antd';
import { brokenPasswordRule } from '@jiebang/domain/password-rules';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/**
 * A new password and its repetition, checked as the person types by the same rules the API
 * applies (libs/domain), each broken rule said in the person's language beside the field.
 */
export function NewPasswordFields({ username }: { username: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        label={t('newPassword')}
        name="newPassword"
        extra={t('passwordRules')}
        rules={[
          { required: true, message: t('required') },
          {
            validator: async (_, value: string | undefined) => {
              const rule = value ? brokenPasswordRule(value, username) : undefined;
              if (rule) throw new Error(t(`passwordRule.${rule}` as MessageKey));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('repeatPassword')}
        name="repeatPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('required') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('passwordsDiffer'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
