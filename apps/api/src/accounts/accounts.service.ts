import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import {
  type AccountList,
  type AccountView,
  type AccountWithTemporaryPassword,
  type ContactDetails,
  type createAccountSchema,
  type Language,
  type UnitPost,
  type updateAccountSchema,
  type updateOwnAccountSchema,
} from '@jiebang/contracts/account';
import type { Actor, Role } from '@jiebang/contracts';
import { isUnitRole } from '@jiebang/domain';
import { AccountRepository, type AccountFilter, type AccountRow, type UserEntity } from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { hashPassword, passwordMatches } from '@jiebang/persistence/passwords';
import { ApiException } from '../common/api-exception';
import { toAccountView } from './account-view';
import { acceptablePasswordHash } from './password-policy';
import { temporaryPassword } from './temporary-password';
import type { z } from 'zod';

export type CreateAccountInput = z.output<typeof createAccountSchema>;
export type UpdateAccountInput = z.output<typeof updateAccountSchema>;
export type UpdateOwnAccountInput = z.output<typeof updateOwnAccountSchema>;
type ContactInput = Partial<Record<keyof ContactDetails, string | null | undefined>>;

/** Where an account stands in the district: what its roles, unit and post must agree on. */
export interface Placement {
  roles: Role[];
  unitId: string | null;
  unitPost: UnitPost | null;
}

/**
 * Account management by administrators, and each person's own account. Every change commits
 * with its audit row; contact details are audited by the fields changed, not their values (the
 * trail cannot be edited, and phone numbers need not live in it forever).
 */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(filter: AccountFilter): Promise<AccountList> {
    const accounts = await this.accountRepository.list(filter);
    return { accounts: accounts.map(toAccountView) };
  }

  async get(id: string): Promise<AccountView> {
    return toAccountView(await existing(this.accountRepository, id));
  }

  /** A new account with a temporary password, which its owner must change before signing in. */
  async create(actor: Actor, request: CreateAccountInput): Promise<AccountWithTemporaryPassword> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const account = await this.inTransaction(async (manager, accounts) => {
      if (await accounts.find(request.id)) throw accountExists(request.id);
      const [alike] = await accounts.idsFoldedLike([request.id]);
      if (alike) throw accountExists(alike, request.id);
      const placement = placementOf(request);
      await checkPlacement(accounts, request.id, placement);
      await accounts.insert(newAccountRow(request, passwordHash));
      await this.audit.record(
        {
          actor,
          action: 'account.created',
          subject: accountSubject(request.id),
          unitId: placement.unitId ?? undefined,
          change: { ...placement, contact: contactFieldsSet(request.contact) },
        },
        manager,
      );
      return existing(accounts, request.id);
    });
    return { account: toAccountView(account), temporaryPassword: password };
  }

  /** Changes name, contact, roles, unit or post; an administrator's own roles stay as they are. */
  async update(actor: Actor, id: string, request: UpdateAccountInput): Promise<AccountView> {
    return this.inTransaction(async (manager, accounts) => {
      const admins = await accounts.lockActiveAdministrators(); // first, in one order: no deadlock between two admins
      const user = await existing(accounts, id, { lock: true });
      if (request.roles && id === actor.userId && !sameRoles(request.roles, user.roles))
        throw new ApiException('OWN_ROLES_UNCHANGEABLE', 'roles: administrators cannot change their own roles', [
          { path: 'roles', message: 'ask another administrator to change your roles' },
        ]);
      const placement: Placement = {
        roles: request.roles ?? user.roles,
        unitId: request.unitId === undefined ? user.unitId : request.unitId,
        unitPost: request.unitPost === undefined ? user.unitPost : request.unitPost,
      };
      await checkPlacement(accounts, id, placement);
      if (!user.disabled && user.roles.includes('ADMIN') && !placement.roles.includes('ADMIN'))
        keepOneAdministrator(admins, id);
      const change = changedFields(user, {
        ...placement,
        displayName: request.displayName,
        language: request.language,
      });
      await accounts.update(id, {
        ...placement,
        ...(request.displayName ? { displayName: request.displayName } : {}),
        ...(request.language ? { language: request.language } : {}),
        ...contactColumns(request.contact),
      });
      await this.audit.record(
        {
          actor,
          action: 'account.updated',
          subject: accountSubject(id),
          unitId: placement.unitId ?? undefined,
          change: { ...change, contact: contactFieldsSet(request.contact) },
        },
        manager,
      );
      return toAccountView(await existing(accounts, id));
    });
  }

  /** Disables the account and ends its sessions at once; never one's own, never the last enabled administrator. */
  async disable(actor: Actor, id: string, reason: string | undefined): Promise<AccountView> {
    if (id === actor.userId)
      throw new ApiException('OWN_ACCOUNT_NOT_DISABLEABLE', 'id: administrators cannot disable their own account', [
        { path: 'id', message: 'ask another administrator' },
      ]);
    return this.inTransaction(async (manager, accounts) => {
      const admins = await accounts.lockActiveAdministrators(); // first, in one order: no deadlock between two admins
      const user = await existing(accounts, id, { lock: true });
      if (user.disabled) return toAccountView(user);
      if (user.roles.includes('ADMIN')) keepOneAdministrator(admins, id);
      await accounts.update(id, { disabled: true });
      const sessionsEnded = await accounts.endSessions(id, 'account_disabled');
      await this.audit.record(
        {
          actor,
          action: 'account.disabled',
          subject: accountSubject(id),
          unitId: user.unitId ?? undefined,
          reason,
          change: { sessionsEnded },
        },
        manager,
      );
      return toAccountView(await existing(accounts, id));
    });
  }

  async enable(actor: Actor, id: string): Promise<AccountView> {
    return this.inTransaction(async (manager, accounts) => {
      const user = await existing(accounts, id, { lock: true });
      if (!user.disabled) return toAccountView(user);
      if (user.unitId && user.unitPost) await checkPostFree(accounts, id, user.unitId, user.unitPost);
      await accounts.update(id, { disabled: false });
      await this.audit.record(
        { actor, action: 'account.enabled', subject: accountSubject(id), unitId: user.unitId ?? undefined },
        manager,
      );
      return toAccountView(await existing(accounts, id));
    });
  }

  /** Replaces the password with a temporary one, to be changed before the next sign-in; open sessions end. */
  async resetPassword(actor: Actor, id: string): Promise<AccountWithTemporaryPassword> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const account = await this.inTransaction(async (manager, accounts) => {
      const user = await existing(accounts, id, { lock: true });
      await accounts.update(id, { passwordHash, passwordChangeRequired: true });
      const sessionsEnded = await accounts.endSessions(id, 'password_reset');
      await this.audit.record(
        {
          actor,
          action: 'account.password_reset',
          subject: accountSubject(id),
          unitId: user.unitId ?? undefined,
          change: { sessionsEnded },
        },
        manager,
      );
      return existing(accounts, id);
    });
    return { account: toAccountView(account), temporaryPassword: password };
  }

  /** The signed-in person's own account. */
  own(actor: Actor): Promise<AccountView> {
    return this.get(actor.userId);
  }

  /** Contact details and language, set by the person themselves. */
  async updateOwn(actor: Actor, request: UpdateOwnAccountInput): Promise<AccountView> {
    return this.inTransaction(async (manager, accounts) => {
      const user = await existing(accounts, actor.userId, { lock: true });
      await accounts.update(user.id, {
        ...contactColumns(request.contact),
        ...(request.language ? { language: request.language } : {}),
      });
      await this.audit.record(
        {
          actor,
          action: 'account.own_details_changed',
          subject: accountSubject(user.id),
          change: {
            contact: contactFieldsSet(request.contact),
            ...changedFields(user, { language: request.language }),
          },
        },
        manager,
      );
      return toAccountView(await existing(accounts, user.id));
    });
  }

  /**
   * Changes the password after checking the current one; the person's other sessions end (a
   * password changed because it leaked should lock out whoever has it).
   */
  async changeOwnPassword(
    actor: Actor,
    sessionId: string | undefined,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await existing(this.accountRepository, actor.userId);
    if (!(await passwordMatches(currentPassword, user.passwordHash ?? undefined)))
      throw new ApiException('WRONG_CURRENT_PASSWORD', 'currentPassword: this is not your current password', [
        { path: 'currentPassword', message: 'does not match' },
      ]);
    await this.setOwnPassword(actor, currentPassword, newPassword, sessionId);
  }

  /**
   * Sets a person's new password (checked against the rules, and different from the old one) and
   * clears a required change; ends their sessions but `keepSessionId`. The caller proved the old one.
   */
  async setOwnPassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    keepSessionId: string | undefined,
  ): Promise<void> {
    if (newPassword === currentPassword)
      throw new ApiException('WEAK_PASSWORD', 'newPassword: choose a password other than the current one', [
        { path: 'newPassword', message: 'is the current password', rule: 'same_as_current' },
      ]);
    const passwordHash = await acceptablePasswordHash(newPassword, actor.userId, 'newPassword');
    await this.inTransaction(async (manager, accounts) => {
      await existing(accounts, actor.userId, { lock: true });
      await accounts.update(actor.userId, { passwordHash, passwordChangeRequired: false });
      const sessionsEnded = await accounts.endSessions(actor.userId, 'password_changed', keepSessionId);
      await this.audit.record(
        {
          actor,
          action: 'account.password_changed',
          subject: accountSubject(actor.userId),
          change: { sessionsEnded },
        },
        manager,
      );
    });
  }

  private inTransaction<T>(work: (manager: EntityManager, accounts: AccountRepository) => Promise<T>): Promise<T> {
    return this.dataSource
      .transaction((manager) => work(manager, this.accountRepository.within(manager)))
      .catch((error: unknown) => {
        throw uniqueViolationAsRefusal(error) ?? error;
      });
  }
}

export function accountSubject(id: string): string {
  return `users/${id}`;
}

async function existing(accounts: AccountRepository, id: string, options = { lock: false }): Promise<UserEntity> {
  const user = await accounts.find(id, options);
  if (!user) throw new ApiException('ACCOUNT_NOT_FOUND', `No account ${id}`);
  return user;
}

/** 409 for an id taken, or (`asked` given) taken but for case: ZT-HEAD-A1 beside zt-head-a1. */
function accountExists(id: string, asked?: string): ApiException {
  if (asked && asked !== id)
    return new ApiException('ACCOUNT_EXISTS', `id: the account ${id} exists; ${asked} differs from it only in case`, [
      { path: 'id', message: `is ${id} but for case` },
    ]);
  return new ApiException('ACCOUNT_EXISTS', `id: an account ${id} exists already`, [
    { path: 'id', message: 'is taken' },
  ]);
}

function placementOf(request: { roles: Role[]; unitId?: string | null; unitPost?: UnitPost | null }): Placement {
  return { roles: request.roles, unitId: request.unitId ?? null, unitPost: request.unitPost ?? null };
}

/**
 * Unit roles and posts need a unit, and the unit must exist; a post is held by one enabled
 * account per unit. 400 (or 409 for a post taken) naming the field.
 */
export async function checkPlacement(accounts: AccountRepository, id: string, placement: Placement): Promise<void> {
  const unitRole = placement.roles.find(isUnitRole);
  if ((unitRole || placement.unitPost) && !placement.unitId) {
    const why = unitRole ? `${unitRole} acts for one unit: name it` : `a unit's ${placement.unitPost} needs a unit`;
    throw new ApiException('VALIDATION_FAILED', `unitId: ${why}`, [{ path: 'unitId', message: why }]);
  }
  if (placement.unitId && (await accounts.unknownUnitIds([placement.unitId])).length > 0)
    throw new ApiException(
      'UNKNOWN_UNIT',
      `unitId: no unit ${placement.unitId} in any cycle`,
      [{ path: 'unitId', message: 'names no unit of any cycle' }],
      { unit: placement.unitId },
    );
  if (placement.unitId && placement.unitPost) await checkPostFree(accounts, id, placement.unitId, placement.unitPost);
}

async function checkPostFree(accounts: AccountRepository, id: string, unitId: string, post: UnitPost) {
  const holder = await accounts.holderOfPost(unitId, post, id);
  if (holder)
    throw new ApiException('UNIT_POST_TAKEN', `unitPost: ${holder} is already the ${post} of unit ${unitId}`, [
      { path: 'unitPost', message: `held by ${holder}` },
    ]);
}

/** 409 LAST_ADMINISTRATOR when `id` is the only enabled administrator left. */
function keepOneAdministrator(activeAdministrators: string[], id: string): void {
  const others = activeAdministrators.filter((admin) => admin !== id);
  if (others.length === 0)
    throw new ApiException('LAST_ADMINISTRATOR', `${id} is the last enabled administrator: appoint another first`, [
      { path: 'roles', message: 'the district needs one enabled ADMIN' },
    ]);
}

function sameRoles(a: Role[], b: Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

/** A new, enabled account's row; a password given is a temporary one, to be changed at first sign-in. */
export function newAccountRow(request: CreateAccountInput, passwordHash: string | null): AccountRow {
  return {
    id: request.id,
    displayName: request.displayName,
    passwordHash,
    passwordChangeRequired: passwordHash !== null,
    ...placementOf(request),
    ...NO_CONTACT,
    ...contactColumns(request.contact),
    language: request.language ?? 'zh-CN',
    disabled: false,
  };
}

const NO_CONTACT: ContactDetails = {
  email: null,
  mobile: null,
  dingtalkUserId: null,
  wecomUserId: null,
  feishuUserId: null,
};

/** The columns of the contact fields given (null clears one; absent leaves it). */
export function contactColumns(contact: ContactInput | undefined): Partial<ContactDetails> {
  if (!contact) return {};
  return Object.fromEntries(
    Object.entries(contact).filter(([, value]) => value !== undefined),
  ) as Partial<ContactDetails>;
}

export function contactFieldsSet(contact: ContactInput | undefined): string[] | undefined {
  const fields = Object.keys(contactColumns(contact));
  return fields.length > 0 ? fields : undefined;
}

/** `{ field: { from, to } }` for each given field whose value differs. */
export function changedFields(
  user: UserEntity,
  next: Partial<Placement> & { displayName?: string; language?: Language },
): Record<string, { from: unknown; to: unknown }> {
  const change: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(next)) {
    if (to === undefined) continue;
    const from = user[field as keyof UserEntity];
    if (JSON.stringify(from) !== JSON.stringify(to)) change[field] = { from, to };
  }
  return change;
}

/** A unique key hit by a concurrent request: the same refusal the checks give. */
export function uniqueViolationAsRefusal(error: unknown): ApiException | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const { code, constraint } = error.driverError as { code?: string; constraint?: string };
  if (code !== '23505') return undefined;
  if (constraint === 'uq_users_unit_post')
    return new ApiException('UNIT_POST_TAKEN', 'unitPost: another account holds this post of the unit', [
      { path: 'unitPost', message: 'is taken' },
    ]);
  if (constraint === 'users_pkey') return new ApiException('ACCOUNT_EXISTS', 'id: an account with this id exists');
  if (constraint === 'uq_users_folded_id')
    return new ApiException('ACCOUNT_EXISTS', 'id: an account whose id differs from this one only in case exists', [
      { path: 'id', message: 'is taken but for case' },
    ]);
  return undefined;
}
