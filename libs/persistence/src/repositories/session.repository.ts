import type { EntityManager } from 'typeorm';
import type { Role } from '@jiebang/contracts';
import { AuthSessionEntity } from '../entities/auth-session.entity';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';

/** Who an open session belongs to, as an access token's check needs it. */
export interface SessionHolder {
  userId: string;
  roles: Role[];
  unitId: string | null;
}

const FOR_UPDATE = { mode: 'pessimistic_write' } as const;

/** The queries of sign-in sessions and their refresh tokens, inside the caller's transaction. */
export class SessionRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The same repository inside a transaction: its reads and writes go through `manager`. */
  within(manager: EntityManager): SessionRepository {
    return new SessionRepository(manager);
  }

  /** Opens a session of the user, open until `expiresAt`. */
  open(userId: string, expiresAt: Date): Promise<AuthSessionEntity> {
    return this.manager.save(AuthSessionEntity, { userId, expiresAt, revokedAt: null, revokeReason: null });
  }

  /** The session, locked for the rest of the transaction. */
  findForUpdate(id: string): Promise<AuthSessionEntity | null> {
    return this.manager.getRepository(AuthSessionEntity).findOne({ where: { id }, lock: FOR_UPDATE });
  }

  async revoke(id: string, reason: string): Promise<void> {
    await this.manager.update(AuthSessionEntity, { id }, { revokedAt: new Date(), revokeReason: reason });
  }

  /** The enabled user of a session that is still open, if the session is theirs. */
  async holderOfOpenSession(sessionId: string, userId: string): Promise<SessionHolder | undefined> {
    const [holder] = (await this.manager.query(
      `SELECT u.id AS "userId", u.roles, u.unit_id AS "unitId"
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled`,
      [sessionId, userId],
    )) as SessionHolder[];
    return holder;
  }

  async addRefreshToken(token: Omit<RefreshTokenEntity, 'id'>): Promise<void> {
    await this.manager.insert(RefreshTokenEntity, token);
  }

  /** The refresh token with this digest, locked for the rest of the transaction. */
  findRefreshTokenForUpdate(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.manager.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash }, lock: FOR_UPDATE });
  }

  async markRefreshTokenUsed(id: string): Promise<void> {
    await this.manager.update(RefreshTokenEntity, { id }, { usedAt: new Date() });
  }
}
