import { PageContainer, ProCard } from '@ant-design/pro-components';
import { Alert, Button, Descriptions, Form, Input } from 'antd';
import { useState } from 'react';
import { api, checked } from '../api/client';
import { accountKeys, useMe, useStep, useUnit } from '../api/queries';
import type { AccountView } from '../api/types';
import { changeOwnPasswordSchema, updateOwnAccountSchema, type Language } from '@jiebang/contracts/account';
import {
  CONTACT_PATHS,
  ContactFields,
  consoleLanguage,
  contactOf,
  LanguageField,
  useRoleLabels,
  type ContactForm,
} from '../components/account-fields';
import { useCycle } from '../components/cycle';
import { useRefusalBesideFields } from '../components/field-problems';
import { NewPasswordFields } from '../components/password-fields';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

/** 我的账户: who I am here (roles, unit), how messages reach me, my language and my password. */
export function MyAccountPage() {
  const { t } = useI18n();
  const me = useMe();
  return (
    <PageContainer title={t('myAccount')}>
      <RefusalAlert error={me.error} />
      {me.data && (
        <>
          <Identity account={me.data} />
          <ContactCard account={me.data} />
          <PasswordCard account={me.data} />
        </>
      )}
    </PageContainer>
  );
}

function Identity({ account }: { account: AccountView }) {
  const { t } = useI18n();
  const roles = useRoleLabels();
  const { cycle } = useCycle();
  const unit = useUnit(cycle?.id, account.unitId ?? undefined);
  const unitLabel = account.unitId
    ? unit.data
      ? `${unit.data.name}（${account.unitId}）`
      : account.unitId
    : t('noUnit');
  return (
    <ProCard style={{ marginBottom: 16 }}>
      <Descriptions column={{ xs: 1, md: 2 }} data-testid="my-identity">
        <Descriptions.Item label={t('displayName')}>{account.displayName}</Descriptions.Item>
        <Descriptions.Item label={t('accountId')}>{account.id}</Descriptions.Item>
        <Descriptions.Item label={t('roles')}>{roles(account)}</Descriptions.Item>
        <Descriptions.Item label={t('unit')}>{unitLabel}</Descriptions.Item>
        {account.unitPost && (
          <Descriptions.Item label={t('unitPost')}>{t(`unitPost.${account.unitPost}`)}</Descriptions.Item>
        )}
      </Descriptions>
    </ProCard>
  );
}

interface OwnForm {
  contact: ContactForm;
  language: Language;
}

function ContactCard({ account }: { account: AccountView }) {
  const { t, setLanguage } = useI18n();
  const [form] = Form.useForm<OwnForm>();
  const besideFields = useRefusalBesideFields();
  const save = useStep(
    (values: OwnForm) =>
      api.patch<AccountView>(
        '/me',
        checked(updateOwnAccountSchema, { contact: contactOf(values.contact), language: values.language }),
      ),
    [accountKeys.all],
  );
  const [refused, setRefused] = useState<unknown>(null);
  const finish = (values: OwnForm) => {
    setRefused(null);
    save.mutate(values, {
      onSuccess: (saved) => setLanguage(consoleLanguage(saved.language)),
      onError: (error) => {
        if (!besideFields(form, error, { fields: CONTACT_PATHS })) setRefused(error);
      },
    });
  };
  return (
    <ProCard title={t('contactDetails')} style={{ marginBottom: 16 }}>
      <Form<OwnForm>
        form={form}
        name="my-account"
        layout="vertical"
        style={{ maxWidth: 520 }}
        initialValues={{ contact: account.contact, language: account.language }}
        onFinish={finish}
        onValuesChange={() => save.reset()}
      >
        <ContactFields />
        <LanguageField />
        <RefusalAlert error={refused} />
        {save.isSuccess && <Alert type="success" showIcon message={t('saved')} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('save')}
        </Button>
      </Form>
    </ProCard>
  );
}

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

function PasswordCard({ account }: { account: AccountView }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PasswordForm>();
  const besideFields = useRefusalBesideFields();
  const [error, setError] = useState<unknown>(null);
  const change = useStep(
    ({ currentPassword, newPassword }: PasswordForm) =>
      api.post(`/me/password`, checked(changeOwnPasswordSchema, { currentPassword, newPassword })),
    [accountKeys.me()],
  );
  const finish = (values: PasswordForm) => {
    setError(null);
    change.mutate(values, {
      onSuccess: () => form.resetFields(),
      onError: (refused) => {
        if (!besideFields(form, refused, { fields: ['currentPassword', 'newPassword'] })) setError(refused);
      },
    });
  };
  return (
    <ProCard title={t('changePassword')}>
      <Form<PasswordForm>
        form={form}
        name="my-password"
        layout="vertical"
        style={{ maxWidth: 520 }}
        onFinish={finish}
        requiredMark={false}
        onValuesChange={() => change.isSuccess && change.reset()}
      >
        <Form.Item
          label={t('currentPassword')}
          name="currentPassword"
          rules={[{ required: true, message: t('required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields username={account.id} />
        <RefusalAlert error={error} />
        {change.isSuccess && (
          <Alert type="success" showIcon message={t('passwordChanged')} style={{ marginBottom: 12 }} />
        )}
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('changePassword')}
        </Button>
      </Form>
    </ProCard>
  );
}
