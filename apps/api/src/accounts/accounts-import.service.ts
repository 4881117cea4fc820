import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  createAccountSchema,
  ROLE_LABELS,
  UNIT_POSTS,
  type AddressBookColumn,
  type ImportOutcome,
  type ImportProblem,
  type UnitPost,
} from '@jiebang/contracts/account';
import { identifierKey, textHygieneProblem, type Actor, type Role } from '@jiebang/contracts';
import { ROLES } from '@jiebang/domain';
import { AccountRepository, type UserEntity } from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { hashTemporaryPassword, TEMPORARY_PASSWORD_IMPORT_MAX_ROWS, temporaryPassword } from './temporary-password';
import { assertUnzipsWithin, XlsxTooLarge } from './xlsx-size';
import {
  accountSubject,
  changedFields,
  contactColumns,
  contactFieldsSet,
  newAccountRow,
  uniqueViolationAsRefusal,
  type CreateAccountInput,
} from './accounts.service';
import { readAddressBook, XLSX_TYPE, type AddressBookRow, type AddressBookType } from './address-book-file';

/** A row that passed its own checks, with where it came from. */
interface ValidRow {
  line: number;
  account: CreateAccountInput;
}

/** Which field of the account each column fills, for naming it in a problem. */
const FIELD_COLUMN: Record<string, AddressBookColumn> = {
  id: 'id',
  displayName: 'name',
  roles: 'roles',
  unitId: 'unit',
  unitPost: 'post',
  language: 'language',
  'contact.email': 'email',
  'contact.mobile': 'mobile',
  'contact.dingtalkUserId': 'dingtalk',
  'contact.wecomUserId': 'wecom',
  'contact.feishuUserId': 'feishu',
};

const POST_WORDS: Record<string, UnitPost> = {
  head: 'head',
  deputy: 'deputy',
  一把手: 'head',
  主要负责人: 'head',
  主要负责同志: 'head',
  分管负责同志: 'deputy',
  分管负责人: 'deputy',
  分管领导: 'deputy',
};

const IMPORT_REASON = 'address-book import';

/**
 * Imports a district's address book (通讯录). Every row is checked first, on its own and against
 * the others and the accounts there are; one bad row refuses the whole file (400 IMPORT_INVALID,
 * every problem with its line and column) and nothing is written. A clean file is written in one
 * transaction, each account with its audit row. New accounts get no password (they sign in by
 * OpenID Connect, or after a password reset), or with `temporaryPasswords` a temporary one each.
 */
@Injectable()
export class AccountsImportService {
  constructor(
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async import(
    actor: Actor,
    content: Buffer,
    type: AddressBookType,
    { updateExisting, temporaryPasswords }: { updateExisting: boolean; temporaryPasswords: boolean },
  ): Promise<ImportOutcome> {
    if (type === XLSX_TYPE) checkUncompressedSize(content);
    const read = await readAddressBook(content, type);
    if (read.problems.length > 0) throw refusal(read.problems);
    if (temporaryPasswords && read.rows.length > TEMPORARY_PASSWORD_IMPORT_MAX_ROWS)
      throw refusal([
        {
          line: 0,
          field: 'temporaryPasswords',
          message: `at most ${TEMPORARY_PASSWORD_IMPORT_MAX_ROWS} rows per file with temporaryPasswords=true (this one has ${read.rows.length}); import it in parts`,
        },
      ]);
    const problems: ImportProblem[] = read.rows.flatMap(cellHygieneProblems);
    const valid = read.rows.flatMap((row) => validRow(row, problems));
    if (read.rows.length === 0) problems.push({ line: 2, field: '$', message: 'the file has no people' });
    return this.dataSource
      .transaction(async (manager) => {
        const accounts = this.accountRepository.within(manager);
        // First, in one order, as PATCH and disable do: two imports cannot each demote the other's last administrator.
        const admins = await accounts.lockActiveAdministrators();
        const existing = new Map((await accounts.findMany(valid.map((row) => row.account.id))).map((u) => [u.id, u]));
        problems.push(...(await resolveUnits(accounts, valid)), ...duplicateIds(valid), ...duplicatePosts(valid));
        problems.push(...lookAlikeIds(valid, await accounts.idsFoldedLike(valid.map((row) => row.account.id))));
        for (const row of valid) problems.push(...(await conflicts(accounts, row, existing, updateExisting, actor)));
        if (problems.length > 0) throw refusal(problems);
        keepAnAdministrator(admins, valid, existing);

        const outcome: ImportOutcome = { created: [], updated: [], unchanged: [] };
        const newRows = valid.filter((row) => !existing.has(row.account.id));
        const passwords = temporaryPasswords ? await newPasswords(newRows) : {};
        for (const { account } of valid) {
          const before = existing.get(account.id);
          if (!before) {
            await this.create(manager, actor, account, passwords[account.id]?.hash);
            outcome.created.push(account.id);
          } else if (await this.update(manager, actor, account, before)) outcome.updated.push(account.id);
          else outcome.unchanged.push(account.id);
        }
        if (temporaryPasswords)
          outcome.temporaryPasswords = Object.fromEntries(
            Object.entries(passwords).map(([id, { password }]) => [id, password]),
          );
        return outcome;
      })
      .catch((error: unknown) => {
        throw uniqueViolationAsRefusal(error) ?? error;
      });
  }

  private async create(
    manager: EntityManager,
    actor: Actor,
    account: CreateAccountInput,
    passwordHash: string | undefined,
  ): Promise<void> {
    const row = newAccountRow(account, passwordHash ?? null);
    await this.accountRepository.within(manager).insert(row);
    await this.audit.record(
      {
        actor,
        action: 'account.created',
        subject: accountSubject(account.id),
        unitId: row.unitId ?? undefined,
        reason: IMPORT_REASON,
        change: {
          roles: row.roles,
          unitId: row.unitId,
          unitPost: row.unitPost,
          contact: contactFieldsSet(account.contact),
        },
      },
      manager,
    );
  }

  /** Writes the row over the account when anything differs; false when nothing does. */
  private async update(
    manager: EntityManager,
    actor: Actor,
    account: CreateAccountInput,
    before: UserEntity,
  ): Promise<boolean> {
    const placement = { roles: account.roles, unitId: account.unitId ?? null, unitPost: account.unitPost ?? null };
    const change = changedFields(before, {
      ...placement,
      displayName: account.displayName,
      language: account.language,
    });
    const contact = changedContact(before, contactColumns(account.contact));
    if (Object.keys(change).length === 0 && contact.length === 0) return false;
    await this.accountRepository.within(manager).update(account.id, {
      ...placement,
      displayName: account.displayName,
      ...(account.language ? { language: account.language } : {}),
      ...contactColumns(account.contact),
    });
    await this.audit.record(
      {
        actor,
        action: 'account.updated',
        subject: accountSubject(account.id),
        unitId: placement.unitId ?? undefined,
        reason: IMPORT_REASON,
        change: { ...change, ...(contact.length > 0 ? { contact } : {}) },
      },
      manager,
    );
    return true;
  }
}

/** A temporary password and its hash for each new account. */
async function newPasswords(rows: ValidRow[]): Promise<Record<string, { password: string; hash: string }>> {
  const entries: Array<[string, { password: string; hash: string }]> = [];
  for (const { account } of rows) {
    const password = temporaryPassword();
    entries.push([account.id, { password, hash: await hashTemporaryPassword(password) }]);
  }
  return Object.fromEntries(entries);
}

/** An .xlsx is checked for its unzipped size before exceljs unzips it whole (413 naming the limit). */
function checkUncompressedSize(content: Buffer): void {
  try {
    assertUnzipsWithin(content);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof XlsxTooLarge)
      throw new ApiException('PAYLOAD_TOO_LARGE', message, [{ line: 0, field: '$', message }]);
    throw refusal([{ line: 0, field: '$', message: `not a readable .xlsx workbook: ${message}` }]);
  }
}

function refusal(problems: ImportProblem[]): ApiException {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  return new ApiException(
    'IMPORT_INVALID',
    `The file has ${sorted.length} problem(s); nothing was imported: ${sorted
      .slice(0, 5)
      .map((p) => `line ${p.line} ${p.field}: ${p.message}`)
      .join('; ')}${sorted.length > 5 ? '; ...' : ''}`,
    sorted,
  );
}

/** The row as an account, or nothing with its problems added. */
function validRow(row: AddressBookRow, problems: ImportProblem[]): ValidRow[] {
  const { cells, line } = row;
  const rowProblems: ImportProblem[] = [];
  const roles = rolesOf(cells.roles ?? '', line, rowProblems);
  const unitPost = cells.post ? POST_WORDS[cells.post.trim().toLowerCase()] : undefined;
  if (cells.post && !unitPost)
    rowProblems.push({ line, field: 'post', message: `expected ${UNIT_POSTS.join(' or ')} (一把手 / 分管负责同志)` });
  const contact = {
    email: cells.email,
    mobile: cells.mobile,
    dingtalkUserId: cells.dingtalk,
    wecomUserId: cells.wecom,
    feishuUserId: cells.feishu,
  };
  const parsed = createAccountSchema.safeParse({
    id: cells.id ?? '',
    displayName: cells.name ?? '',
    roles: roles ?? ['ADMIN'],
    unitId: cells.unit,
    unitPost,
    contact: Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined)),
    language: cells.language,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const field = FIELD_COLUMN[path] ?? FIELD_COLUMN[path.split('.').slice(0, 2).join('.')] ?? path;
      if (field === 'roles' && !roles) continue; // already reported by rolesOf
      rowProblems.push({ line, field, message: issue.message });
    }
  problems.push(...rowProblems);
  return rowProblems.length === 0 && parsed.success ? [{ line, account: parsed.data }] : [];
}

/** Roles by code or label, separated by commas, 、, ; or spaces. */
function rolesOf(cell: string, line: number, problems: ImportProblem[]): Role[] | undefined {
  const words = cell
    .split(/[,，;；、\s]+/)
    .map((word) => word.trim())
    .filter(Boolean);
  if (words.length === 0) {
    problems.push({ line, field: 'roles', message: 'give at least one role' });
    return undefined;
  }
  const roles: Role[] = [];
  const unknown = words.filter((word) => !roleNamed(word));
  for (const word of unknown)
    problems.push({ line, field: 'roles', message: `unknown role "${word}"; roles: ${ROLES.join(', ')}` });
  for (const role of words.map(roleNamed)) if (role && !roles.includes(role)) roles.push(role);
  return unknown.length === 0 ? roles : undefined;
}

function roleNamed(word: string): Role | undefined {
  const upper = word.toUpperCase();
  const byCode = ROLES.find((role) => role === upper);
  if (byCode) return byCode;
  return ROLES.find((role) => {
    const label = ROLE_LABELS[role]['zh-CN'];
    return label === word || label.replace(/（.*）$/, '') === word || label.match(/（(.*)）/)?.[1] === word;
  });
}

/** Every cell through the one text hygiene of every way in: a NUL, ESC or U+202E in a CSV cell is refused as in JSON. */
function cellHygieneProblems({ line, cells }: AddressBookRow): ImportProblem[] {
  return Object.entries(cells).flatMap(([field, value]) => {
    const problem = value === undefined ? undefined : textHygieneProblem(value);
    return problem ? [{ line, field, message: problem }] : [];
  });
}

/** Ids are one when they differ only in case or width (ZT-HEAD-A1, zt-head-a1). */
function duplicateIds(rows: ValidRow[]): ImportProblem[] {
  const firstLine = new Map<string, { line: number; id: string }>();
  const problems: ImportProblem[] = [];
  for (const { line, account } of rows) {
    const key = identifierKey(account.id);
    const first = firstLine.get(key);
    if (first !== undefined)
      problems.push({
        line,
        field: 'id',
        message:
          first.id === account.id
            ? `${account.id} is also on line ${first.line}`
            : `${account.id} is ${first.id} of line ${first.line} but for case: ids differ in more than case`,
      });
    else firstLine.set(key, { line, id: account.id });
  }
  return problems;
}

/** A new id that an existing account's id equals but for case. */
function lookAlikeIds(rows: ValidRow[], existingIds: string[]): ImportProblem[] {
  const byKey = new Map(existingIds.map((id) => [identifierKey(id), id]));
  return rows.flatMap(({ line, account }): ImportProblem[] => {
    const other = byKey.get(identifierKey(account.id));
    return other !== undefined && other !== account.id
      ? [{ line, field: 'id', message: `the account ${other} exists; ids differ in more than case` }]
      : [];
  });
}

/** 409 LAST_ADMINISTRATOR, as PATCH answers, when the file would leave no enabled administrator. */
function keepAnAdministrator(admins: string[], rows: ValidRow[], existing: Map<string, UserEntity>): void {
  const demoted = rows.filter(({ account }) => admins.includes(account.id) && !account.roles.includes('ADMIN'));
  if (demoted.length === 0) return;
  const remaining = admins.filter((id) => !demoted.some(({ account }) => account.id === id));
  const promoted = rows.some(({ account }) => account.roles.includes('ADMIN') && !existing.get(account.id)?.disabled);
  if (remaining.length > 0 || promoted) return;
  throw new ApiException(
    'LAST_ADMINISTRATOR',
    `The file takes ADMIN from ${demoted.map(({ account }) => account.id).join(', ')}, the last enabled administrator(s): appoint another first`,
    demoted.map(({ line }) => ({ line, field: 'roles', message: 'the district needs one enabled ADMIN' })),
  );
}

function duplicatePosts(rows: ValidRow[]): ImportProblem[] {
  const firstLine = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const { line, account } of rows) {
    if (!account.unitPost || !account.unitId) continue;
    const key = `${account.unitId}|${account.unitPost}`;
    const first = firstLine.get(key);
    if (first !== undefined)
      problems.push({
        line,
        field: 'post',
        message: `line ${first} is already the ${account.unitPost} of ${account.unitId}`,
      });
    else firstLine.set(key, line);
  }
  return problems;
}

/**
 * Replaces each unit given by its name (区发改局) with its id; a unit's id stays. Problems for a
 * name or id that no unit has, and for a name that several units share.
 */
async function resolveUnits(accounts: AccountRepository, rows: ValidRow[]): Promise<ImportProblem[]> {
  const found = await accounts.unitIdsByIdOrName(rows.flatMap((row) => row.account.unitId ?? []));
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    const given = row.account.unitId;
    if (!given) continue;
    const ids = found.get(given) ?? [];
    if (ids.includes(given)) continue;
    if (ids.length === 1) row.account.unitId = ids[0];
    else
      problems.push({
        line: row.line,
        field: 'unit',
        message:
          ids.length === 0
            ? `no unit ${given} in any cycle`
            : `${given} names several units (${ids.join(', ')}): give the unit's id`,
      });
  }
  return problems;
}

/** What stops a valid row against the accounts there are: an existing one not to be updated, one's own roles, a post held elsewhere. */
async function conflicts(
  accounts: AccountRepository,
  { line, account }: ValidRow,
  existing: Map<string, UserEntity>,
  updateExisting: boolean,
  actor: Actor,
): Promise<ImportProblem[]> {
  const before = existing.get(account.id);
  if (before && !updateExisting)
    return [{ line, field: 'id', message: `the account ${account.id} exists; import with update=true to update it` }];
  const problems: ImportProblem[] = [];
  if (before && account.id === actor.userId && !sameRoles(before.roles, account.roles))
    problems.push({ line, field: 'roles', message: 'administrators cannot change their own roles' });
  if (account.unitId && account.unitPost) {
    const holder = await accounts.holderOfPost(account.unitId, account.unitPost, account.id);
    if (holder && !existing.has(holder))
      problems.push({
        line,
        field: 'post',
        message: `${holder} is already the ${account.unitPost} of ${account.unitId}`,
      });
  }
  return problems;
}

function sameRoles(a: Role[], b: Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

function changedContact(before: UserEntity, contact: Partial<Record<string, string | null>>): string[] {
  return Object.entries(contact)
    .filter(([field, value]) => before[field as keyof UserEntity] !== value)
    .map(([field]) => field);
}
