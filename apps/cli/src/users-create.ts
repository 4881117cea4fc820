import { parseArgs } from 'node:util';
import { createAccountSchema } from '@jiebang/contracts/account';
import { passwordProblem } from '@jiebang/domain/password-rules';
import { AccountRepository, appendAuditEntry, auditActorOf, openDatabase } from '@jiebang/persistence';
import { hashPassword } from '@jiebang/persistence/passwords';
import type { CliIo } from './cli-io';

export const USERS_CREATE_HELP = `usage: jiebang users create <id> --name <name> [--roles ADMIN] [--unit <unit id>] --password-stdin

Creates an account in the database at DATABASE_URL (bringing its schema up to date first): on a
new install, the first administrator, who then creates everyone else in the API or the console.
The password is read from standard input (one line), never from the command line, and must have
12 characters or more, not contain the user name and not be one of the 10,000 most common.

options:
  --name <name>        the person's name as shown to others (required)
  --roles <a,b>        roles, comma-separated (default ADMIN)
  --unit <unit id>     the unit of a UNIT_HEAD or UNIT_REPORTER
  --password-stdin     read the password from standard input (required)
  -h, --help           show this help

exit status: 0 created; 1 refused (the account exists, a weak password, a bad field); 2 bad usage
or the database could not be reached.
`;

/** `jiebang users create`: the first administrator of an install (or any account), audited as `system:cli`. */
export async function usersCreateCommand(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${USERS_CREATE_HELP}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(USERS_CREATE_HELP);
    return 0;
  }
  const [id, ...extra] = parsed.positionals;
  const usage = !id
    ? 'name the account: jiebang users create <id> ...'
    : extra.length > 0
      ? `unexpected ${extra.join(' ')}`
      : !parsed.values['password-stdin']
        ? '--password-stdin is required: the password comes from standard input, never the command line'
        : !io.env.DATABASE_URL
          ? 'DATABASE_URL is not set'
          : undefined;
  if (usage) {
    io.stderr(`${usage}\n\n${USERS_CREATE_HELP}`);
    return 2;
  }
  const account = createAccountSchema.safeParse({
    id,
    displayName: parsed.values.name ?? '',
    roles: (parsed.values.roles ?? 'ADMIN').split(',').map((role) => role.trim()),
    unitId: parsed.values.unit,
  });
  if (!account.success) {
    for (const issue of account.error.issues) io.stderr(`${optionOf(issue.path.join('.'))}: ${issue.message}\n`);
    return 1;
  }
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  const weakness = passwordProblem(password, account.data.id);
  if (weakness) {
    io.stderr(`password: the password ${weakness}; nothing was created\n`);
    return 1;
  }
  const passwordHash = await hashPassword(password);
  let dataSource: Awaited<ReturnType<typeof openDatabase>>;
  try {
    dataSource = await openDatabase(io.env.DATABASE_URL!);
  } catch (error) {
    io.stderr(`could not open the database: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    const { roles, unitId } = account.data;
    const refusal = await dataSource.transaction(async (manager) => {
      const accounts = new AccountRepository(manager);
      if (await accounts.find(account.data.id)) return `an account ${account.data.id} exists already`;
      if (unitId && (await accounts.unknownUnitIds([unitId])).length > 0)
        return `--unit: no unit ${unitId} in any cycle (import the cycle first)`;
      await accounts.insert({
        id: account.data.id,
        displayName: account.data.displayName,
        passwordHash,
        passwordChangeRequired: false,
        roles,
        unitId: unitId ?? null,
        unitPost: null,
        email: null,
        mobile: null,
        dingtalkUserId: null,
        wecomUserId: null,
        feishuUserId: null,
        language: 'zh-CN',
        disabled: false,
      });
      await appendAuditEntry(manager, {
        ...auditActorOf(undefined, undefined, 'cli'),
        action: 'account.created',
        subject: `users/${account.data.id}`,
        unitId: unitId ?? null,
        change: { roles, unitId: unitId ?? null },
      });
      return undefined;
    });
    if (refusal) {
      io.stderr(`${refusal}; nothing was created\n`);
      return 1;
    }
    io.stdout(
      `created account ${account.data.id} (${account.data.displayName}) with roles ${roles.join(', ')}${unitId ? ` of unit ${unitId}` : ''}; it signs in at POST /auth/login\n`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      roles: { type: 'string' },
      unit: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function optionOf(path: string): string {
  const options: Record<string, string> = { id: '<id>', displayName: '--name', unitId: '--unit' };
  return options[path] ?? (path.startsWith('roles') ? '--roles' : path);
}
