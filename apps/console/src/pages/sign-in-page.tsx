import { Button, Card, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { SignInForm } from '../session/sign-in-form';
import { useSession } from '../session/session';

export function SignInPage() {
  const { t, language, setLanguage } = useI18n();
  const { signIn } = useSession();
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('appName')}
        </Typography.Title>
        <SignInForm onSignIn={signIn} />
        <Button type="link" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} style={{ marginTop: 8 }}>
          {t('language')}
        </Button>
      </Card>
    </main>
  );
}
