import { describe, expect, it } from 'vitest';
import { loadConfig, oidcSettingsOf } from './config';

const DATABASE_URL = 'postgres://u:p@localhost:5432/jiebang';
const OIDC = {
  OIDC_ISSUER: 'https://id.example.gov.cn/realms/district',
  OIDC_CLIENT_ID: 'jiebang',
  OIDC_CLIENT_SECRET: 'secret',
  OIDC_REDIRECT_URI: 'https://jiebang.example.gov.cn/auth/oidc/callback',
};

describe('OpenID Connect settings', () => {
  it('are off without OIDC_ISSUER, and password sign-in is on', () => {
    const config = loadConfig({ DATABASE_URL });
    expect(oidcSettingsOf(config)).toBeUndefined();
    expect(config.PASSWORD_SIGN_IN).toBe(true);
  });

  it('take the four variables together, with the claim and scope defaulted', () => {
    const config = loadConfig({ DATABASE_URL, ...OIDC, PASSWORD_SIGN_IN: 'false' });
    expect(oidcSettingsOf(config)).toEqual({
      issuer: OIDC.OIDC_ISSUER,
      clientId: 'jiebang',
      clientSecret: 'secret',
      redirectUri: OIDC.OIDC_REDIRECT_URI,
      accountClaim: 'preferred_username',
      scope: 'openid profile',
      signedInRedirect: undefined,
    });
    expect(config.PASSWORD_SIGN_IN).toBe(false);
  });

  it('name each missing companion variable', () => {
    expect(() => loadConfig({ DATABASE_URL, OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: is required with OIDC_ISSUER[\s\S]*OIDC_REDIRECT_URI: is required/,
    );
  });

  it('refuse switching password sign-in off with no other way in', () => {
    expect(() => loadConfig({ DATABASE_URL, PASSWORD_SIGN_IN: 'false' })).toThrow(
      /PASSWORD_SIGN_IN: can be false only with OpenID Connect configured/,
    );
  });
});
