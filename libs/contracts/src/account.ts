import { z } from 'zod';
import { isUnitRole, ROLES, type Role } from '@jiebang/domain/roles';

/**
 * Accounts: the people who sign in, as the API, the CLI, the console and the delivery channels
 * see them. Import the schemas from this file; the index re-exports its types only, so the
 * workflow bundle stays free of them.
 */

/** The languages a person may choose for the console and their messages. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A unit's head (一把手) and deputy in charge (分管负责同志) as people: one enabled account per post and unit. */
export const UNIT_POSTS = ['head', 'deputy'] as const;
export type UnitPost = (typeof UNIT_POSTS)[number];

/** Login names: also the `userId` every record names, so no spaces or slashes. */
export const accountIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/, 'expected 1 to 64 letters, digits, ".", "@", "-" or "_"');

/** A mainland mobile number, 11 digits from 1[3-9], optionally written with +86. */
const MOBILE = /^(?:\+?86[- ]?)?(1[3-9]\d{9})$/;
const platformUserId = z
  .string()
  .trim()
  .regex(/^[^\s]{1,64}$/, 'expected a platform user id of 1 to 64 characters without spaces');

/**
 * How the delivery channels reach a person: email, SMS, and the user id on each platform a
 * district may use (for @mentions by its group robots). Every field is optional; null clears it.
 */
export const contactDetailsSchema = z.strictObject({
  email: z.email('expected an email address such as name@example.gov.cn').nullable().optional(),
  mobile: z
    .string()
    .trim()
    .regex(MOBILE, 'expected a mobile number of 11 digits such as 13800138000')
    .transform((value) => MOBILE.exec(value)?.[1] ?? value)
    .nullable()
    .optional(),
  dingtalkUserId: platformUserId.nullable().optional(),
  wecomUserId: platformUserId.nullable().optional(),
  feishuUserId: platformUserId.nullable().optional(),
});

/** How to reach a person, as stored: every channel either set or null. */
export const contactDetailsView = z.object({
  email: z.string().nullable().meta({ example: 'zhang.san@example.gov.cn' }),
  mobile: z.string().nullable().meta({ example: '13800138000' }),
  dingtalkUserId: z.string().nullable(),
  wecomUserId: z.string().nullable(),
  feishuUserId: z.string().nullable(),
});
export type ContactDetails = z.infer<typeof contactDetailsView>;

const roleSchema = z.enum(ROLES, { error: () => `expected one of the roles ${ROLES.join(', ')}` });
const displayName = z.string().trim().min(1, 'must not be empty').max(100);

/** A unit role needs a unit; a post (head, deputy) needs a unit too. */
function requireUnitWhereNeeded(
  value: { roles?: Role[]; unitId?: string | null; unitPost?: UnitPost | null },
  context: z.RefinementCtx,
): void {
  const unitRole = value.roles?.find(isUnitRole);
  if (unitRole && !value.unitId)
    context.addIssue({ code: 'custom', path: ['unitId'], message: `${unitRole} acts for one unit: name it` });
  if (value.unitPost && !value.unitId)
    context.addIssue({ code: 'custom', path: ['unitId'], message: `a unit's ${value.unitPost} belongs to a unit` });
}

const rolesSchema = z
  .array(roleSchema)
  .min(1, 'give at least one role')
  .refine((roles) => new Set(roles).size === roles.length, 'a role is listed twice');

/** POST /accounts: a new account; the answer holds a temporary password to be changed at first sign-in. */
export const createAccountSchema = z
  .strictObject({
    id: accountIdSchema,
    displayName,
    roles: rolesSchema,
    unitId: z.string().min(1).max(64).nullable().optional(),
    unitPost: z.enum(UNIT_POSTS).nullable().optional(),
    contact: contactDetailsSchema.optional(),
    language: z.enum(LANGUAGES).optional(),
  })
  .superRefine(requireUnitWhereNeeded);
export type CreateAccountRequest = z.input<typeof createAccountSchema>;

/** PATCH /accounts/{id}: only the fields given change; `unitId: null` takes the account out of its unit. */
export const updateAccountSchema = z
  .strictObject({
    displayName: displayName.optional(),
    roles: rolesSchema.optional(),
    unitId: z.string().min(1).max(64).nullable().optional(),
    unitPost: z.enum(UNIT_POSTS).nullable().optional(),
    contact: contactDetailsSchema.optional(),
    language: z.enum(LANGUAGES).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'change at least one field');
export type UpdateAccountRequest = z.input<typeof updateAccountSchema>;

/** GET /accounts filters. */
export const accountListQuerySchema = z.strictObject({
  role: roleSchema.optional(),
  unitId: z.string().min(1).max(64).optional(),
  /** Who is the head (or deputy) of units: with unitId, of that unit. */
  unitPost: z.enum(UNIT_POSTS).optional(),
  disabled: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Part of the name or the login name, any case. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type AccountListQuery = z.input<typeof accountListQuerySchema>;

/** POST /accounts/{id}/disable. */
export const disableAccountSchema = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

/** PATCH /me: what a person sets for themselves. */
export const updateOwnAccountSchema = z
  .strictObject({ contact: contactDetailsSchema.optional(), language: z.enum(LANGUAGES).optional() })
  .refine((value) => Object.keys(value).length > 0, 'change at least one field');
export type UpdateOwnAccountRequest = z.input<typeof updateOwnAccountSchema>;

const password = z.string().min(1, 'must not be empty').max(256);

/** POST /me/password: the current password proves it is the person. */
export const changeOwnPasswordSchema = z.strictObject({ currentPassword: password, newPassword: password });
export type ChangeOwnPasswordRequest = z.input<typeof changeOwnPasswordSchema>;

/** POST /auth/password: change a temporary password before the first sign-in, and sign in. */
export const changeTemporaryPasswordSchema = z.strictObject({
  username: z.string().min(1).max(64),
  currentPassword: password,
  newPassword: password,
});
export type ChangeTemporaryPasswordRequest = z.input<typeof changeTemporaryPasswordSchema>;

/** An account as the API shows it. */
export const accountView = z.object({
  id: z.string().meta({ example: 'zhangsan' }),
  displayName: z.string().meta({ example: '张三' }),
  roles: z.array(z.enum(ROLES)),
  unitId: z.string().nullable(),
  unitPost: z.enum(UNIT_POSTS).nullable().describe("the unit's head (一把手) or deputy in charge"),
  contact: contactDetailsView,
  language: z.enum(LANGUAGES),
  disabled: z.boolean(),
  passwordChangeRequired: z
    .boolean()
    .describe('The password is temporary: it must be changed (POST /auth/password) before signing in'),
  hasPassword: z.boolean().describe('False: signs in by OpenID Connect only, or awaits a password reset'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AccountView = z.infer<typeof accountView>;

/** POST /accounts and POST /accounts/{id}/password-reset: shown once, to hand to the person. */
export const accountWithTemporaryPassword = z.object({
  account: accountView,
  temporaryPassword: z.string().describe('Shown once: hand it to the person, who chooses their own at first sign-in'),
});
export type AccountWithTemporaryPassword = z.infer<typeof accountWithTemporaryPassword>;

export const accountList = z.object({ accounts: z.array(accountView) });
export type AccountList = z.infer<typeof accountList>;

/** One bad row of an address-book import: the file's line (1 is the header), the column and why. */
export const importProblem = z.object({ line: z.number(), field: z.string(), message: z.string() });
export type ImportProblem = z.infer<typeof importProblem>;

/** What an import did: nothing at all unless the whole file was clean. */
export const importOutcome = z.object({
  created: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.array(z.string()).describe('Existing accounts the file leaves as they are'),
  temporaryPasswords: z
    .record(z.string(), z.string())
    .optional()
    .describe('With temporaryPasswords=true: account id to temporary password, shown once'),
});
export type ImportOutcome = z.infer<typeof importOutcome>;

/** How people sign in on this install, for a sign-in page. */
export const signInMethods = z.object({
  password: z.boolean(),
  oidc: z.boolean().describe('GET /auth/oidc/login starts it'),
});
export type SignInMethods = z.infer<typeof signInMethods>;

/** The one label of each role (docs/glossary.md), for screens and address-book files. */
export const ROLE_LABELS: Record<Role, { 'zh-CN': string; en: string }> = {
  UNIT_HEAD: { 'zh-CN': '单位主要负责人（一把手）', en: 'Unit head' },
  UNIT_REPORTER: { 'zh-CN': '单位联络员', en: 'Unit reporter' },
  ASSESSOR: { 'zh-CN': '督查考评组', en: 'Assessors' },
  ORG_DEPT: { 'zh-CN': '组织部', en: 'Organisation department' },
  DISCIPLINE: { 'zh-CN': '纪委监委', en: 'Discipline commission' },
  LEADERSHIP: { 'zh-CN': '区委区政府领导', en: 'Leadership' },
  ADMIN: { 'zh-CN': '系统管理员', en: 'Administrator' },
  RATER: { 'zh-CN': '评议员', en: 'Rater' },
};

/**
 * The columns of an address-book (通讯录) import, each with the headers it is known by. `id`,
 * `name` and `roles` are required; the rest optional. Roles: codes or labels, separated by
 * commas, 、 or spaces; post: head / deputy (一把手 / 分管负责同志).
 */
export const ADDRESS_BOOK_COLUMNS = {
  id: ['id', '账号', '登录名', '用户名'],
  name: ['name', '姓名'],
  roles: ['roles', '角色'],
  unit: ['unit', '单位', '单位编号'],
  post: ['post', '职务'],
  mobile: ['mobile', '手机', '手机号', '手机号码'],
  email: ['email', '邮箱', '电子邮箱'],
  dingtalk: ['dingtalk', '钉钉', '钉钉账号'],
  wecom: ['wecom', '企业微信', '企业微信账号'],
  feishu: ['feishu', '飞书', '飞书账号'],
  language: ['language', '语言'],
} as const;
export type AddressBookColumn = keyof typeof ADDRESS_BOOK_COLUMNS;
