import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import type { Actor } from '@jiebang/contracts';
import { SessionRepository } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import { ACCESS_TOKEN_TTL_SECONDS } from './auth.constants';

interface AccessClaims {
  sub?: unknown;
  sid?: unknown;
  exp?: unknown;
}

/** Clock skew allowed between the signer and this process when checking a token's lifetime. */
const LIFETIME_SLACK_SECONDS = 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Access tokens: HS256 JWTs naming the user (`sub`) and the session (`sid`). A token alone is
 * not enough: the session must still be open and the user enabled, and the roles are read
 * afresh on every request, so sign-out, revocation and role changes take effect at once.
 */
@Injectable()
export class AccessTokens {
  constructor(
    @Inject(SessionRepository) private readonly sessionRepository: SessionRepository,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  issue(userId: string, sessionId: string): Promise<string> {
    return this.jwt.signAsync({ sid: sessionId }, { subject: userId, expiresIn: ACCESS_TOKEN_TTL_SECONDS });
  }

  /** The actor behind an access token; 401 when the token is bad or expired or its session has ended. */
  async authenticate(token: string): Promise<{ actor: Actor; sessionId: string }> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError)
        throw new ApiException('UNAUTHENTICATED', 'The access token has expired: get a new one at POST /auth/refresh');
      throw new ApiException('UNAUTHENTICATED', 'The access token is not valid: sign in again');
    }
    if (!expiresInTime(claims.exp))
      throw new ApiException('UNAUTHENTICATED', 'The access token carries no valid expiry: sign in again');
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !UUID.test(claims.sid)) {
      throw new ApiException('UNAUTHENTICATED', 'The access token is not valid: sign in again');
    }
    const holder = await this.sessionRepository.holderOfOpenSession(claims.sid, claims.sub);
    if (!holder)
      throw new ApiException(
        'UNAUTHENTICATED',
        'The session has ended (signed out, expired or revoked): sign in again',
      );
    return {
      actor: { userId: holder.userId, roles: holder.roles, unitId: holder.unitId ?? undefined },
      sessionId: claims.sid,
    };
  }
}

/** A token must expire, and no later than a token issued now would: one without `exp` is never accepted. */
function expiresInTime(exp: unknown): boolean {
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return false;
  return exp <= Date.now() / 1000 + ACCESS_TOKEN_TTL_SECONDS + LIFETIME_SLACK_SECONDS;
}
