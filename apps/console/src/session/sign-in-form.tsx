import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';

interface Credentials {
  username: string;
  password: string;
}

export function SignInForm({
  onSignIn,
  username,
}: {
  onSignIn(username: string, password: string): Promise<void>;
  username?: string;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const finish = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await onSignIn(username, password);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<Credentials> layout="vertical" onFinish={finish} initialValues={{ username }} requiredMark={false}>
      <Form.Item label={t('username')} name="username" rules={[{ required: true, message: t('required') }]}>
        <Input autoComplete="username" />
      </Form.Item>
      <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <RefusalAlert error={error} />
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('signIn')}
      </Button>
    </Form>
  );
}
