import { Button, Card, Divider, Typography } from 'antd';
import { useApi } from '../api/hooks';
import type { SignInMethods } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { SignInForm } from '../session/sign-in-form';
import { useSession } from '../session/session';

export function SignInPage() {
  const { t, language, setLanguage } = useI18n();
  const { signIn } = useSession();
  // Until the answer arrives (or if it fails) the password form shows: it is the usual way in.
  const methods = useApi<SignInMethods>('/auth/methods').data ?? { password: true, oidc: false };
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('appName')}
        </Typography.Title>
        {methods.oidc && (
          // A full navigation: the identity provider's page, then back to the console signed in.
          <Button type="primary" href="/auth/oidc/login" block data-testid="oidc-sign-in">
            {t('signInWithOidc')}
          </Button>
        )}
        {methods.oidc && methods.password && <Divider plain>{t('or')}</Divider>}
        {methods.password && <SignInForm onSignIn={signIn} />}
        <Button type="link" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} style={{ marginTop: 8 }}>
          {t('language')}
        </Button>
      </Card>
    </main>
  );
}
