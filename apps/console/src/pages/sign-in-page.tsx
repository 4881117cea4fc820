import { Button, Card, Divider, Typography } from 'antd';
import { useState } from 'react';
import { ApiRefusal } from '../api/client';
import { useSignInMethods } from '../api/queries';
import type { ApiErrorCode } from '../api/types';
import { RefusalAlert } from '../components/refusal-alert';
import { useI18n } from '../i18n/i18n';
import { SignInForm } from '../session/sign-in-form';
import { useSession } from '../session/session';

export function SignInPage() {
  const { t, language, setLanguage } = useI18n();
  const { signIn } = useSession();
  // Until the answer arrives (or if it fails) the password form shows: it is the usual way in.
  const methods = useSignInMethods().data ?? { password: true, oidc: false };
  const [oidcRefusal] = useState(takeOidcRefusal);
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f5f5' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('appName')}
        </Typography.Title>
        <RefusalAlert error={oidcRefusal} />
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

/** Why the identity provider's sign-in was refused, when the API sent the browser back with it in the fragment. */
function takeOidcRefusal(): ApiRefusal | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const code = fragment.get('signInRefused');
  if (!code) return null;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const message = fragment.get('message') ?? '';
  return new ApiRefusal(403, { statusCode: 403, code: code as ApiErrorCode, message });
}
