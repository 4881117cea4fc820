import { oidcSettingsOf, type AppConfig, type OidcSettings } from '@jiebang/config';

/** How people sign in on this install: from the configuration, injected as SIGN_IN_SETTINGS. */
export interface SignInSettings {
  passwordSignIn: boolean;
  oidc?: OidcSettings;
}

export const SIGN_IN_SETTINGS = Symbol('SIGN_IN_SETTINGS');

export function signInSettingsOf(config: AppConfig): SignInSettings {
  return { passwordSignIn: config.PASSWORD_SIGN_IN, oidc: oidcSettingsOf(config) };
}
