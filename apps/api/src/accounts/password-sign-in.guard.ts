import { type CanActivate, Inject, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-exception';
import { SIGN_IN_SETTINGS, type SignInSettings } from './sign-in-settings';

/** Closes the password routes when the district signs in by OpenID Connect only (PASSWORD_SIGN_IN=false). */
@Injectable()
export class PasswordSignInGuard implements CanActivate {
  constructor(@Inject(SIGN_IN_SETTINGS) private readonly settings: SignInSettings) {}

  canActivate(): boolean {
    if (this.settings.passwordSignIn) return true;
    throw new ApiException(
      'PASSWORD_SIGN_IN_DISABLED',
      "Password sign-in is switched off here: sign in with the district's identity provider at GET /auth/oidc/login",
    );
  }
}
