import { Form, Input, type FormInstance } from 'antd';
import { brokenPasswordRule } from '@jiebang/domain/password-rules';
import { ApiRefusal } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { MESSAGES, type MessageKey } from '../i18n/messages';

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

interface Problem {
  path?: string;
  message?: string;
  rule?: string;
}

/**
 * Puts a refusal of the API beside the fields it names (its details' paths, among `fields`), in
 * the person's language; true when some field took it, so the caller need not show it again.
 */
export function useRefusalBesideFields() {
  const { t, refusal } = useI18n();
  return (form: FormInstance, error: unknown, fields: readonly string[]): boolean => {
    if (!(error instanceof ApiRefusal) || !Array.isArray(error.body.details)) return false;
    const problems = (error.body.details as Problem[]).filter(
      (problem) => typeof problem.path === 'string' && fields.includes(problem.path),
    );
    form.setFields(
      problems.map((problem) => {
        const ruleKey = `passwordRule.${problem.rule}`;
        return {
          name: problem.path!.split('.'),
          errors: [
            ruleKey in MESSAGES ? t(ruleKey as MessageKey) : `${refusal(error.body.code)}：${problem.message ?? ''}`,
          ],
        };
      }),
    );
    return problems.length > 0;
  };
}
