import { Alert, Button, Card, Form, Typography } from 'antd';
import { useState } from 'react';
import { useRefusalBesideFields } from '../components/field-problems';
import { NewPasswordFields } from '../components/password-fields';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

interface NewPassword {
  newPassword: string;
  repeatPassword: string;
}

/** Instead of the console, after signing in with a temporary password: choose your own, then go on signed in. */
export function PasswordChangePage() {
  const { t } = useI18n();
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('choosePassword')}
        </Typography.Title>
        <PasswordChangeForm />
      </Card>
    </main>
  );
}

/** The temporary password is already known from the sign-in: only the new one is asked for. */
export function PasswordChangeForm() {
  const { t } = useI18n();
  const { passwordChange, changeTemporaryPassword, cancelPasswordChange } = useSession();
  const [form] = Form.useForm<NewPassword>();
  const besideFields = useRefusalBesideFields();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!passwordChange) return null;
  const finish = async ({ newPassword }: NewPassword) => {
    setBusy(true);
    setError(null);
    try {
      await changeTemporaryPassword(newPassword);
    } catch (caught) {
      if (!besideFields(form, caught, { fields: ['newPassword'] })) setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<NewPassword> form={form} name="temporary-password" layout="vertical" onFinish={finish} requiredMark={false}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('temporaryPasswordExplained')} />
      <Typography.Paragraph>
        {t('username')}: <Typography.Text strong>{passwordChange.username}</Typography.Text>
      </Typography.Paragraph>
      <NewPasswordFields username={passwordChange.username} />
      <RefusalAlert error={error} />
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('changePasswordAndSignIn')}
      </Button>
      <Button type="link" onClick={cancelPasswordChange} style={{ marginTop: 8 }}>
        {t('backToSignIn')}
      </Button>
    </Form>
  );
}
