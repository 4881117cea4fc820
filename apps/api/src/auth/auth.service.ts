import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@jiebang/contracts';
import {
  AccountRepository,
  SessionRepository,
  sha256Hex,
  type AuthSessionEntity,
  type UserEntity,
} from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { AccessTokens } from './access-tokens.service';
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_MS, SESSION_TTL_MS } from './auth.constants';
import type { SignedInUser, TokenResponse } from '@jiebang/contracts/http/auth';
import { passwordMatches } from '@jiebang/persistence/passwords';

type RefreshOutcome = { kind: 'issued'; tokens: TokenResponse } | { kind: 'refused'; message: string };

/** Sign-in, token refresh (rotating, with reuse detection) and sign-out. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(SessionRepository) private readonly sessionRepository: SessionRepository,
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AccessTokens) private readonly accessTokens: AccessTokens,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Checks the password and opens a session; the same answer for a wrong name and a wrong password. */
  async login(username: string, password: string, requestId: string | undefined): Promise<TokenResponse> {
    const user = await this.accountRepository.find(username);
    const matches = await passwordMatches(password, user?.passwordHash ?? undefined);
    if (!user || !matches || user.disabled) {
      this.logger.warn(`refused sign-in as "${username.slice(0, 64)}" (request ${requestId})`);
      throw new ApiException('INVALID_CREDENTIALS', 'Wrong user name or password');
    }
    if (user.passwordChangeRequired)
      throw new ApiException(
        'PASSWORD_CHANGE_REQUIRED',
        'This is a temporary password: choose your own at POST /auth/password, which signs you in',
      );
    return this.openSession(user, requestId, 'password');
  }

  /**
   * Opens a session for a person whose identity is proven (by password or by the district's
   * identity provider), with its audit row, and issues the tokens.
   */
  openSession(user: UserEntity, requestId: string | undefined, method: 'password' | 'oidc'): Promise<TokenResponse> {
    return this.dataSource.transaction(async (manager) => {
      const session = await this.sessionRepository.within(manager).open(user.id, new Date(Date.now() + SESSION_TTL_MS));
      const tokens = await this.issueTokens(manager, user, session);
      await this.audit.record(
        {
          actor: actorOf(user, requestId),
          action: 'auth.signed_in',
          subject: `users/${user.id}`,
          change: { session: sessionReference(session.id), method },
        },
        manager,
      );
      return tokens;
    });
  }

  /**
   * Exchanges a refresh token for new tokens. Each refresh token works once: presenting a used
   * one again means it was copied, so the whole session is revoked and both holders must sign in.
   */
  async refresh(refreshToken: string, requestId: string | undefined): Promise<TokenResponse> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const sessions = this.sessionRepository.within(manager);
      const token = await sessions.findRefreshTokenForUpdate(sha256Hex(refreshToken));
      if (!token || token.expiresAt.getTime() <= Date.now())
        return { kind: 'refused', message: 'Unknown or expired refresh token: sign in again' };
      const session = await sessions.findForUpdate(token.sessionId);
      const user = session && (await this.accountRepository.within(manager).find(session.userId));
      if (!session || !user || session.revokedAt || session.expiresAt.getTime() <= Date.now() || user.disabled) {
        return { kind: 'refused', message: 'The session has ended (signed out, expired or revoked): sign in again' };
      }
      if (token.usedAt) {
        await this.revoke(manager, session, 'refresh_token_reused', actorOf(user, requestId));
        return {
          kind: 'refused',
          message: 'This refresh token was already used; the session is revoked: sign in again',
        };
      }
      await sessions.markRefreshTokenUsed(token.id);
      const tokens = await this.issueTokens(manager, user, session);
      await this.audit.record(
        {
          actor: actorOf(user, requestId),
          action: 'auth.refreshed',
          subject: `users/${user.id}`,
          change: { session: sessionReference(session.id) },
        },
        manager,
      );
      return { kind: 'issued', tokens };
    });
    if (outcome.kind === 'refused') throw new ApiException('UNAUTHENTICATED', outcome.message);
    return outcome.tokens;
  }

  /** Ends the session: its access tokens stop working at once and its refresh tokens are refused. */
  async logout(actor: Actor, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const session = await this.sessionRepository.within(manager).findForUpdate(sessionId);
      if (session && !session.revokedAt) await this.revoke(manager, session, 'signed_out', actor);
    });
  }

  async whoAmI(actor: Actor): Promise<SignedInUser> {
    const user = await this.accountRepository.find(actor.userId);
    if (!user) throw new Error(`the signed-in account ${actor.userId} is gone`);
    return signedInUser(user);
  }

  private async revoke(
    manager: EntityManager,
    session: AuthSessionEntity,
    reason: string,
    actor: Actor,
  ): Promise<void> {
    await this.sessionRepository.within(manager).revoke(session.id, reason);
    const action = reason === 'signed_out' ? 'auth.signed_out' : 'auth.session_revoked';
    await this.audit.record(
      { actor, action, subject: `users/${session.userId}`, reason, change: { session: sessionReference(session.id) } },
      manager,
    );
  }

  private async issueTokens(
    manager: EntityManager,
    user: UserEntity,
    session: AuthSessionEntity,
  ): Promise<TokenResponse> {
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Math.min(Date.now() + REFRESH_TOKEN_TTL_MS, session.expiresAt.getTime()));
    await this.sessionRepository.within(manager).addRefreshToken({
      sessionId: session.id,
      tokenHash: sha256Hex(refreshToken),
      issuedAt: new Date(),
      expiresAt,
      usedAt: null,
    });
    return {
      accessToken: await this.accessTokens.issue(user.id, session.id),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
      refreshTokenExpiresAt: expiresAt.toISOString(),
      user: signedInUser(user),
    };
  }
}

function actorOf(user: UserEntity, requestId: string | undefined): Actor {
  return { userId: user.id, roles: user.roles, unitId: user.unitId ?? undefined, requestId };
}

function signedInUser(user: UserEntity): SignedInUser {
  return { userId: user.id, displayName: user.displayName, roles: user.roles, unitId: user.unitId };
}

/**
 * How the audit trail names a session: a digest that ties a session's rows together without
 * disclosing its id (an id is useless without the signing key, and unreadable here as well).
 */
export function sessionReference(sessionId: string): string {
  return `session:${sha256Hex(`jiebang-session:${sessionId}`).slice(0, 16)}`;
}
