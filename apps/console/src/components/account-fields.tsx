import { Form, Input, Select } from 'antd';
import type { AccountView } from '../api/types';
import { LANGUAGES, type ContactDetails, type Language } from '@jiebang/contracts/account';
import { useI18n } from '../i18n/i18n';

export const CONTACT_FIELDS = ['email', 'mobile', 'dingtalkUserId', 'wecomUserId', 'feishuUserId'] as const;

/** The form's contact fields: what the delivery channels use to reach the person. */
export function ContactFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item label={t('email')} name={['contact', 'email']}>
        <Input inputMode="email" autoComplete="email" />
      </Form.Item>
      <Form.Item label={t('mobile')} name={['contact', 'mobile']}>
        <Input type="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item label={t('dingtalkUserId')} name={['contact', 'dingtalkUserId']}>
        <Input />
      </Form.Item>
      <Form.Item label={t('wecomUserId')} name={['contact', 'wecomUserId']}>
        <Input />
      </Form.Item>
      <Form.Item label={t('feishuUserId')} name={['contact', 'feishuUserId']}>
        <Input />
      </Form.Item>
    </>
  );
}

export function LanguageField() {
  const { t } = useI18n();
  return (
    <Form.Item label={t('accountLanguage')} name="language">
      <Select options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))} />
    </Form.Item>
  );
}

/** What the form holds: the contact fields as typed, blank for none. */
export type ContactForm = Partial<Record<keyof ContactDetails, string | null>>;

/** Blank fields clear the channel (null), as the API's contact schema expects. */
export function contactOf(form: ContactForm | undefined): Record<keyof ContactDetails, string | null> {
  return Object.fromEntries(
    CONTACT_FIELDS.map((field) => [field, form?.[field]?.trim() ? form[field]!.trim() : null]),
  ) as Record<keyof ContactDetails, string | null>;
}

/** Every field path a refusal about contact details may name. */
export const CONTACT_PATHS = CONTACT_FIELDS.map((field) => `contact.${field}`);

/** The console's language for an account's. */
export const consoleLanguage = (language: Language) => (language === 'en' ? 'en' : 'zh');

/** The account's roles in the person's language. */
export function useRoleLabels() {
  const { tc } = useI18n();
  return (account: Pick<AccountView, 'roles'>) => account.roles.map((role) => tc(role)).join('、');
}
