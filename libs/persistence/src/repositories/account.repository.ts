import { In, IsNull, Not, type EntityManager } from 'typeorm';
import type { ContactDetails, Language, Role, UnitPost } from '@jiebang/contracts';
import { AuthSessionEntity } from '../entities/auth-session.entity';
import { OidcSignInEntity } from '../entities/oidc-sign-in.entity';
import { UserEntity } from '../entities/user.entity';

/** Filters of an account listing; every one optional. */
export interface AccountFilter {
  role?: Role;
  unitId?: string;
  unitPost?: UnitPost;
  disabled?: boolean;
  /** Part of the display name or the login name, any case. */
  q?: string;
}

/** Whom a message goes to and how to reach them: what the delivery channels need of an account. */
export interface Recipient {
  userId: string;
  displayName: string;
  language: Language;
  contact: ContactDetails;
}

/** An account's contact details as the contract shapes them. */
export function contactOf(user: Pick<UserEntity, keyof ContactDetails>): ContactDetails {
  return {
    email: user.email,
    mobile: user.mobile,
    dingtalkUserId: user.dingtalkUserId,
    wecomUserId: user.wecomUserId,
    feishuUserId: user.feishuUserId,
  };
}

/** An account's fields as written: everything but the timestamps. */
export type AccountRow = Omit<UserEntity, 'createdAt' | 'updatedAt' | 'digest'> & Partial<Pick<UserEntity, 'digest'>>;

const LIST_LIMIT = 1000;

/** The queries of accounts (users), their sessions and OpenID Connect sign-ins, inside the caller's transaction. */
export class AccountRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The same repository inside a transaction: its reads and writes go through `manager`. */
  within(manager: EntityManager): AccountRepository {
    return new AccountRepository(manager);
  }

  /** The account, locked for the rest of the transaction when `lock` is set. */
  find(id: string, { lock = false } = {}): Promise<UserEntity | null> {
    return this.manager
      .getRepository(UserEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The accounts with these ids (any that exist). */
  findMany(ids: string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.id = ANY(:ids)', { ids })
      .setLock('pessimistic_write')
      .getMany();
  }

  /** Accounts matching every filter given, by login name; at most 1,000. */
  list(filter: AccountFilter): Promise<UserEntity[]> {
    const query = this.manager.getRepository(UserEntity).createQueryBuilder('u').orderBy('u.id').limit(LIST_LIMIT);
    if (filter.role) query.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.unitId) query.andWhere('u.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.unitPost) query.andWhere('u.unit_post = :unitPost', { unitPost: filter.unitPost });
    if (filter.disabled !== undefined) query.andWhere('u.disabled = :disabled', { disabled: filter.disabled });
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(u.display_name ILIKE :pattern OR u.id ILIKE :pattern)', { pattern });
    }
    return query.getMany();
  }

  /**
   * The enabled accounts holding `role` (for unit roles, of `unitId`), with how to reach them: the
   * people a reminder, a deadline notice or an escalation addressed to that role goes to.
   */
  async recipients(role: Role, unitId?: string): Promise<Recipient[]> {
    const accounts = await this.list({ role, unitId, disabled: false });
    return accounts.map((user) => ({
      userId: user.id,
      displayName: user.displayName,
      language: user.language,
      contact: contactOf(user),
    }));
  }

  insert(account: AccountRow): Promise<unknown> {
    return this.manager.insert(UserEntity, account);
  }

  /** Inserts the account unless one with its id exists (which keeps its password and roles); true when inserted. */
  async insertIfAbsent(
    account: Pick<UserEntity, 'id' | 'displayName' | 'passwordHash' | 'roles' | 'unitId'>,
  ): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values(account)
      .orIgnore()
      .execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  update(id: string, change: Partial<AccountRow>): Promise<unknown> {
    return this.manager.update(UserEntity, { id }, { ...change, updatedAt: new Date() });
  }

  /** The ids of existing accounts that equal one of `ids` but for case (account ids are ASCII, so lower() folds them). */
  async idsFoldedLike(ids: string[]): Promise<string[]> {
    const folded = [...new Set(ids.map((id) => id.toLowerCase()))];
    if (folded.length === 0) return [];
    const rows = (await this.manager.query(`SELECT id FROM users WHERE lower(id) = ANY($1)`, [folded])) as Array<{
      id: string;
    }>;
    return rows.map((row) => row.id);
  }

  /** Of `unitIds`, those that name no unit of the district's unit register (every cycle's units are in it). */
  async unknownUnitIds(unitIds: string[]): Promise<string[]> {
    const wanted = [...new Set(unitIds)];
    if (wanted.length === 0) return [];
    const rows = (await this.manager.query(`SELECT id FROM district_units WHERE id = ANY($1)`, [wanted])) as Array<{
      id: string;
    }>;
    const known = new Set(rows.map((row) => row.id));
    return wanted.filter((id) => !known.has(id));
  }

  /** For each value, the ids of the register's units (of any cycle) whose id or name it is. */
  async unitIdsByIdOrName(values: string[]): Promise<Map<string, string[]>> {
    const wanted = [...new Set(values)];
    const found = new Map<string, string[]>(wanted.map((value) => [value, []]));
    if (wanted.length === 0) return found;
    const rows = (await this.manager.query(
      `SELECT id, name FROM district_units WHERE id = ANY($1) OR name = ANY($1) ORDER BY id`,
      [wanted],
    )) as Array<{ id: string; name: string }>;
    for (const { id, name } of rows)
      for (const key of new Set([id, name])) {
        const ids = found.get(key);
        if (ids && !ids.includes(id)) ids.push(id);
      }
    return found;
  }

  /** The enabled administrators, locked so that two requests cannot disable the last two at once. */
  async lockActiveAdministrators(): Promise<string[]> {
    const rows = (await this.manager.query(
      `SELECT id FROM users WHERE 'ADMIN' = ANY(roles) AND NOT disabled ORDER BY id FOR UPDATE`,
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** Ends every open session of the account at once (but `exceptSessionId`): its access and refresh tokens stop working. Returns how many. */
  async endSessions(userId: string, reason: string, exceptSessionId?: string): Promise<number> {
    const query = this.manager
      .createQueryBuilder()
      .update(AuthSessionEntity)
      .set({ revokedAt: () => 'now()', revokeReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL AND expires_at > now()', { userId });
    if (exceptSessionId) query.andWhere('id <> :exceptSessionId', { exceptSessionId });
    const result = await query.execute();
    return result.affected ?? 0;
  }

  /**
   * The enabled account of a unit's head or deputy in charge, if one is linked: the person a case
   * about that unit "concerns".
   */
  accountOf(unitId: string, post: UnitPost): Promise<UserEntity | null> {
    return this.manager.getRepository(UserEntity).findOneBy({ unitId, unitPost: post, disabled: false });
  }

  /** The enabled accounts holding a head or deputy post in any of the units. */
  postHoldersOf(unitIds: string[]): Promise<UserEntity[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return this.manager
      .getRepository(UserEntity)
      .findBy({ unitId: In(unitIds), unitPost: Not(IsNull()), disabled: false });
  }

  /** The display names of these accounts, by id; an id with no account is left out. */
  async displayNamesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.manager
      .getRepository(UserEntity)
      .find({ select: { id: true, displayName: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  /** Another enabled account holding the post, if any. */
  async holderOfPost(unitId: string, post: UnitPost, exceptId: string): Promise<string | undefined> {
    const holder = await this.accountOf(unitId, post);
    return holder && holder.id !== exceptId ? holder.id : undefined;
  }

  /** Stores a sign-in under way, and forgets those abandoned past their time. */
  async saveOidcSignIn(signIn: OidcSignInEntity): Promise<void> {
    await this.manager.query(`DELETE FROM oidc_sign_ins WHERE expires_at < now()`);
    await this.manager.insert(OidcSignInEntity, signIn);
  }

  /** The sign-in under way with this `state`, deleted as it is read (used once); undefined when unknown or expired. */
  async takeOidcSignIn(state: string): Promise<OidcSignInEntity | undefined> {
    const rows = (await this.manager.query(
      `DELETE FROM oidc_sign_ins WHERE state = $1 RETURNING state, code_verifier, nonce, expires_at`,
      [state],
    )) as [Array<{ state: string; code_verifier: string; nonce: string; expires_at: Date }>, number];
    const row = rows[0]?.[0];
    if (!row || row.expires_at.getTime() <= Date.now()) return undefined;
    return { state: row.state, codeVerifier: row.code_verifier, nonce: row.nonce, expiresAt: row.expires_at };
  }
}
