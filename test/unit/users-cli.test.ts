import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../bin/jiebang.js');
// Never reached: every case below is refused before the command connects.
const UNREACHABLE_DATABASE = 'postgres://nobody:x@127.0.0.1:9/none';

function usersCreate(args: string[], env: Record<string, string> = { DATABASE_URL: UNREACHABLE_DATABASE }) {
  const rest = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'DATABASE_URL'));
  const run = spawnSync(process.execPath, [BIN, 'users', 'create', ...args], {
    input: 'Lantern-harbour-47\n',
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...rest, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('jiebang users create: what it refuses before touching a database', () => {
  it('needs the password on standard input, never on the command line', () => {
    const run = usersCreate(['admin', '--name', '管理员']);
    expect(run).toMatchObject({ status: 2, stdout: '' });
    expect(run.stderr).toContain('--password-stdin is required');
  });

  it('needs DATABASE_URL, like audit verify', () => {
    const run = usersCreate(['admin', '--name', '管理员', '--password-stdin'], {});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL is not set');
  });

  it('names the option of a bad field: a unit role without --unit, an unknown role, an id with a space', () => {
    const unitless = usersCreate(['head', '--name', '张', '--roles', 'UNIT_HEAD', '--password-stdin']);
    expect(unitless).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('--unit: UNIT_HEAD acts for one unit'),
    });
    const unknownRole = usersCreate(['x', '--name', 'x', '--roles', 'MAYOR', '--password-stdin']);
    expect(unknownRole).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('--roles: expected one of the roles'),
    });
    const badId = usersCreate(['bad id', '--name', 'x', '--password-stdin']);
    expect(badId).toMatchObject({ status: 1, stderr: expect.stringContaining('<id>:') });
  });

  it('explains itself with --help', () => {
    const run = usersCreate(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('usage: jiebang users create <id> --name <name>');
  });
});
