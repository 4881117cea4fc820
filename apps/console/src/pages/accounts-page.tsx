import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, checked, seg } from '../api/client';
import { accountKeys, useAccounts, useStep } from '../api/queries';
import type { AccountView, AccountWithTemporaryPassword, Role } from '../api/types';
import {
  createAccountSchema,
  UNIT_POSTS,
  updateAccountSchema,
  type Language,
  type UnitPost,
} from '@jiebang/contracts/account';
import { ROLES } from '@jiebang/domain/roles';
import {
  CONTACT_PATHS,
  ContactFields,
  contactOf,
  LanguageField,
  useRoleLabels,
  type ContactForm,
} from '../components/account-fields';
import { useRefusalBesideFields } from '../components/field-problems';
import { RefusalAlert } from '../components/refusal-alert';
import { StackedTable } from '../components/stacked-table';
import { useI18n } from '../i18n/i18n';

interface Filters {
  role?: Role;
  unitId?: string;
  disabled?: 'true' | 'false';
  q?: string;
}

/** The list's query: only the filters that are set (the API refuses empty ones). */
function listQuery(filters: Filters): string {
  return new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())),
  ).toString();
}

/** 账户管理: administrators find, create, edit, disable and enable accounts, and reset passwords. */
export function AccountsPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const list = useAccounts(listQuery(filters));
  const [editing, setEditing] = useState<AccountView | 'new' | null>(null);
  const [handedOver, setHandedOver] = useState<AccountWithTemporaryPassword | null>(null);
  return (
    <PageContainer
      title={t('accountManagement')}
      extra={[
        <Link key="import" to="/accounts/import">
          <Button>{t('importAddressBook')}</Button>
        </Link>,
        <Button key="new" type="primary" onClick={() => setEditing('new')}>
          {t('createAccount')}
        </Button>,
      ]}
    >
      <FilterBar onChange={setFilters} />
      <RefusalAlert error={list.error} />
      <AccountTable
        accounts={list.data?.accounts ?? []}
        loading={list.isLoading}
        onEdit={setEditing}
        onHandOver={setHandedOver}
      />
      {editing && (
        <AccountEditor
          account={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(created) => {
            setEditing(null);
            setHandedOver(created);
          }}
        />
      )}
      <TemporaryPasswordDialog handedOver={handedOver} onClose={() => setHandedOver(null)} />
    </PageContainer>
  );
}

function FilterBar({ onChange }: { onChange(filters: Filters): void }) {
  const { t, tc } = useI18n();
  const [form] = Form.useForm<Filters>();
  return (
    <Form<Filters>
      form={form}
      name="account-filters"
      layout="inline"
      onValuesChange={(_, all) => onChange(all)}
      style={{ marginBottom: 16, rowGap: 8 }}
    >
      <Form.Item name="q">
        <Input.Search
          aria-label={t('searchByName')}
          placeholder={t('searchByName')}
          allowClear
          style={{ width: 220 }}
        />
      </Form.Item>
      <Form.Item name="role">
        <Select
          aria-label={t('roles')}
          placeholder={t('roles')}
          allowClear
          style={{ width: 200 }}
          options={ROLES.map((role) => ({ value: role, label: tc(role) }))}
        />
      </Form.Item>
      <Form.Item name="unitId">
        <Input aria-label={t('unit')} placeholder={t('unit')} allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="disabled">
        <Select
          aria-label={t('accountState')}
          placeholder={t('accountState')}
          allowClear
          style={{ width: 120 }}
          options={[
            { value: 'false', label: t('enabled') },
            { value: 'true', label: t('disabled') },
          ]}
        />
      </Form.Item>
    </Form>
  );
}

function AccountTable({
  accounts,
  loading,
  onEdit,
  onHandOver,
}: {
  accounts: AccountView[];
  loading: boolean;
  onEdit(account: AccountView): void;
  onHandOver(handedOver: AccountWithTemporaryPassword): void;
}) {
  const { t } = useI18n();
  const roles = useRoleLabels();
  const [refused, setRefused] = useState<{ account: AccountView; error: unknown } | null>(null);
  const step = useStep(
    ({ account, action }: { account: AccountView; action: 'disable' | 'enable' | 'password-reset' }) =>
      api.post<AccountView | AccountWithTemporaryPassword>(`/accounts/${seg(account.id)}/${action}`),
    [accountKeys.all],
  );
  const act = (account: AccountView, action: 'disable' | 'enable' | 'password-reset') => {
    setRefused(null);
    step.mutate(
      { account, action },
      {
        onSuccess: (answer) => {
          if ('temporaryPassword' in answer) onHandOver(answer);
        },
        onError: (error) => setRefused({ account, error }),
      },
    );
  };
  return (
    <>
      {refused && (
        <div data-testid="account-refusal">
          <Typography.Text strong>{refused.account.displayName}</Typography.Text>
          <RefusalAlert error={refused.error} />
        </div>
      )}
      {/* On a phone, one block per account, its 编辑 / 停用 / 重置密码 on the screen (they were off to the side). */}
      <StackedTable<AccountView>
        rowKey="id"
        size="middle"
        loading={loading}
        rows={accounts}
        scroll={{ x: 'max-content' }}
        paged={{ pageSize: 20, showTotal: (total) => t('accountsFound', { n: total }), showSizeChanger: false }}
        columns={[
          { title: t('accountId'), dataIndex: 'id' },
          { title: t('displayName'), dataIndex: 'displayName' },
          { title: t('roles'), key: 'roles', render: (_, account) => roles(account) },
          {
            title: t('unit'),
            key: 'unit',
            render: (_, account) =>
              account.unitId
                ? `${account.unitId}${account.unitPost ? ` · ${t(`unitPost.${account.unitPost}`)}` : ''}`
                : '',
          },
          { title: t('accountState'), key: 'state', render: (_, account) => <AccountState account={account} /> },
          {
            title: t('actions'),
            key: 'actions',
            render: (_, account) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => onEdit(account)}>
                  {t('edit')}
                </Button>
                <Confirmed
                  title={t(account.disabled ? 'confirmEnable' : 'confirmDisable', { name: account.displayName })}
                  label={t(account.disabled ? 'enable' : 'disable')}
                  onConfirm={() => act(account, account.disabled ? 'enable' : 'disable')}
                />
                {!account.disabled && (
                  <Confirmed
                    title={t('confirmReset', { name: account.displayName })}
                    label={t('resetPassword')}
                    onConfirm={() => act(account, 'password-reset')}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function Confirmed({ title, label, onConfirm }: { title: string; label: string; onConfirm(): void }) {
  const { t } = useI18n();
  return (
    <Popconfirm title={title} okText={t('ok')} cancelText={t('cancel')} onConfirm={onConfirm}>
      <Button type="link" size="small">
        {label}
      </Button>
    </Popconfirm>
  );
}

function AccountState({ account }: { account: AccountView }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {account.disabled ? <Tag color="default">{t('disabled')}</Tag> : <Tag color="green">{t('enabled')}</Tag>}
      {account.passwordChangeRequired && <Tag color="orange">{t('mustChangePassword')}</Tag>}
      {!account.hasPassword && <Tag>{t('noPassword')}</Tag>}
    </Space>
  );
}

interface AccountForm {
  id: string;
  displayName: string;
  roles: Role[];
  unitId?: string | null;
  unitPost?: UnitPost | null;
  contact?: ContactForm;
  language?: Language;
}

const ACCOUNT_PATHS = ['id', 'displayName', 'roles', 'unitId', 'unitPost', ...CONTACT_PATHS];

/** The body the API expects from the form: blank unit and post are none; checked with the API's own schema. */
function accountBody({ id, ...values }: AccountForm, creating: boolean) {
  const body = {
    displayName: values.displayName,
    roles: values.roles,
    unitId: values.unitId?.trim() ? values.unitId.trim() : null,
    unitPost: values.unitPost ?? null,
    contact: contactOf(values.contact),
    language: values.language,
  };
  return creating ? checked(createAccountSchema, { id, ...body }) : checked(updateAccountSchema, body);
}

function AccountEditor({
  account,
  onClose,
  onCreated,
}: {
  account: AccountView | null;
  onClose(): void;
  onCreated(created: AccountWithTemporaryPassword): void;
}) {
  const { t, tc } = useI18n();
  const [form] = Form.useForm<AccountForm>();
  const besideFields = useRefusalBesideFields();
  const save = useStep<AccountForm, AccountView | AccountWithTemporaryPassword>(
    (values) =>
      account
        ? api.patch<AccountView>(`/accounts/${seg(account.id)}`, accountBody(values, false))
        : api.post<AccountWithTemporaryPassword>('/accounts', accountBody(values, true)),
    [accountKeys.all],
  );
  const [refused, setRefused] = useState<unknown>(null);
  const finish = (values: AccountForm) => {
    setRefused(null);
    save.mutate(values, {
      onSuccess: (answer) => {
        if ('temporaryPassword' in answer) onCreated(answer);
        else onClose();
      },
      onError: (error) => {
        if (!besideFields(form, error, { fields: ACCOUNT_PATHS })) setRefused(error);
      },
    });
  };
  return (
    <Modal
      open
      title={account ? `${t('editAccount')} · ${account.displayName}` : t('createAccount')}
      onCancel={onClose}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<AccountForm>
        form={form}
        name="account"
        layout="vertical"
        onFinish={finish}
        initialValues={
          account ? { ...account, language: account.language } : { roles: [], language: 'zh-CN' as Language }
        }
      >
        <Form.Item label={t('accountId')} name="id" rules={[{ required: true, message: t('required') }]}>
          <Input disabled={account !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('displayName')} name="displayName" rules={[{ required: true, message: t('required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('roles')} name="roles" rules={[{ required: true, message: t('required') }]}>
          <Select mode="multiple" options={ROLES.map((role) => ({ value: role, label: tc(role) }))} />
        </Form.Item>
        <Form.Item label={t('unit')} name="unitId">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('unitPost')} name="unitPost">
          <Select allowClear options={UNIT_POSTS.map((post) => ({ value: post, label: t(`unitPost.${post}`) }))} />
        </Form.Item>
        <ContactFields />
        <LanguageField />
        <RefusalAlert error={refused} />
      </Form>
    </Modal>
  );
}

function TemporaryPasswordDialog({
  handedOver,
  onClose,
}: {
  handedOver: AccountWithTemporaryPassword | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={handedOver !== null}
      title={t('temporaryPassword')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('ok')}
        </Button>
      }
      destroyOnHidden
    >
      {handedOver && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('temporaryPasswordOnce', { name: handedOver.account.displayName })}
          />
          <Typography.Paragraph>
            {t('accountId')}: <Typography.Text strong>{handedOver.account.id}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Text code copyable data-testid="temporary-password" style={{ fontSize: 18 }}>
            {handedOver.temporaryPassword}
          </Typography.Text>
        </>
      )}
    </Modal>
  );
}
