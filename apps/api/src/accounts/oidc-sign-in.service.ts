import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { OidcSettings } from '@jiebang/config';
import { AccountRepository } from '@jiebang/persistence';
import type { TokenResponse } from '@jiebang/contracts/http/auth';
import { AuthService } from '../auth/auth.service';
import { ApiException } from '../common/api-exception';
import { SIGN_IN_SETTINGS, type SignInSettings } from './sign-in-settings';

/** How long a person may take at the identity provider between leaving and coming back. */
const SIGN_IN_WINDOW_MS = 10 * 60_000;

/**
 * Sign-in by the district's OpenID Connect provider, authorization code flow with PKCE. The
 * provider proves who someone is; Jiebang still decides what they may do: the account named by
 * the configured claim must exist beforehand and be enabled.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('Auth');
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(SIGN_IN_SETTINGS) private readonly settings: SignInSettings,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  /** The provider's authorization URL to send the browser to, with a fresh state, nonce and PKCE challenge. */
  async authorizationUrl(): Promise<string> {
    const settings = this.oidcSettings();
    const configuration = await this.providerConfiguration(settings);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.accountRepository.saveOidcSignIn({
      state,
      codeVerifier,
      nonce,
      expiresAt: new Date(Date.now() + SIGN_IN_WINDOW_MS),
    });
    return oidc
      .buildAuthorizationUrl(configuration, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      })
      .toString();
  }

  /** Finishes a sign-in from the provider's redirect (its query string): tokens for the account the claim names. */
  async finish(query: Record<string, string>, requestId: string | undefined): Promise<TokenResponse> {
    const settings = this.oidcSettings();
    const configuration = await this.providerConfiguration(settings);
    const pending = query.state ? await this.accountRepository.takeOidcSignIn(query.state) : undefined;
    if (!pending) throw refused('this sign-in is unknown, used or expired: start again at GET /auth/oidc/login');
    const callbackUrl = new URL(settings.redirectUri);
    for (const [name, value] of Object.entries(query)) callbackUrl.searchParams.set(name, value);
    let accountId: unknown;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      accountId = claims[settings.accountClaim];
      if (accountId === undefined) {
        const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        accountId = userInfo[settings.accountClaim];
      }
    } catch (error) {
      this.logger.warn(`OpenID Connect sign-in failed (request ${requestId}): ${messageOf(error)}`);
      throw refused(`the identity provider did not confirm the sign-in (${messageOf(error)})`);
    }
    if (typeof accountId !== 'string' || accountId === '')
      throw refused(`the identity provider named no account in the claim ${settings.accountClaim}`);
    const user = await this.accountRepository.find(accountId);
    if (!user || user.disabled) {
      this.logger.warn(`OpenID Connect sign-in of "${accountId.slice(0, 64)}" refused: no enabled account`);
      throw new ApiException(
        'OIDC_ACCOUNT_UNKNOWN',
        `The identity provider signed in "${accountId}", who has no enabled account here: ask an administrator`,
      );
    }
    return this.auth.openSession(user, requestId, 'oidc');
  }

  /** Where the browser goes with the tokens, when the install names a page for it. */
  signedInRedirect(tokens: TokenResponse): string | undefined {
    const target = this.settings.oidc?.signedInRedirect;
    if (!target) return undefined;
    const fragment = new URLSearchParams({
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresIn: String(tokens.expiresIn),
    });
    return `${target}#${fragment.toString()}`;
  }

  /** Where the browser learns why its sign-in was refused, when the install names a page for signed-in people. */
  refusedRedirect(refusal: ApiException): string | undefined {
    const target = this.settings.oidc?.signedInRedirect;
    if (!target) return undefined;
    return `${target}#${new URLSearchParams({ signInRefused: refusal.code, message: refusal.message }).toString()}`;
  }

  private oidcSettings(): OidcSettings {
    if (!this.settings.oidc)
      throw new ApiException('OIDC_NOT_CONFIGURED', 'Sign-in by an identity provider is not configured here');
    return this.settings.oidc;
  }

  /** Discovered once, on first use: the provider may be down while the API starts. */
  private providerConfiguration(settings: OidcSettings): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // Plain HTTP only to a provider on this machine (a test, a developer's provider).
        execute: isLoopback(settings.issuer) ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new ApiException(
          'OIDC_PROVIDER_UNAVAILABLE',
          `The identity provider at ${settings.issuer} did not answer (${messageOf(error)}); try again shortly`,
        );
      });
    return this.configuration;
  }
}

function refused(why: string): ApiException {
  return new ApiException('OIDC_SIGN_IN_FAILED', `Sign-in by the identity provider failed: ${why}`);
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
