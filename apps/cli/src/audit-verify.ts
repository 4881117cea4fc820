import { Client } from 'pg';
import { verifyStoredAuditChain, type ChainVerification } from '@jiebang/persistence/audit';

export interface AuditVerifyIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = 'usage: jiebang audit verify [--json]   (reads DATABASE_URL)';

/**
 * `jiebang audit verify [--json]`: recomputes the audit trail's hash chain in the database at
 * DATABASE_URL and reports the first broken link. Exit code 0: intact; 1: broken; 2: could not check.
 */
export async function auditVerifyCommand(args: string[], io: AuditVerifyIo = defaultIo()): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--json');
  if (unknown.length > 0) {
    io.stderr(`unknown argument ${unknown.join(' ')}\n${USAGE}\n`);
    return 2;
  }
  const databaseUrl = io.env.DATABASE_URL;
  if (!databaseUrl) {
    io.stderr(`DATABASE_URL is not set\n${USAGE}\n`);
    return 2;
  }
  const db = new Client({ connectionString: databaseUrl });
  let result: ChainVerification;
  try {
    await db.connect();
    result = await verifyStoredAuditChain(async (sql, parameters) => (await db.query(sql, parameters)).rows);
  } catch (error) {
    io.stderr(`could not read the audit trail: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  } finally {
    await db.end().catch(() => undefined);
  }
  io.stdout(args.includes('--json') ? `${JSON.stringify(result, null, 2)}\n` : describe(result));
  return result.ok ? 0 : 1;
}

function describe(result: ChainVerification): string {
  if (result.ok) return `audit trail intact: ${result.rowsChecked} rows, head ${result.lastGoodHash}\n`;
  const broken = result.firstBreak!;
  return [
    `audit trail BROKEN at row ${broken.seq} (${broken.problem})`,
    `  ${broken.message}`,
    `  rows 1..${result.lastGoodSeq ?? 0} verify; the last good hash is ${result.lastGoodHash}`,
    '',
  ].join('\n');
}

function defaultIo(): AuditVerifyIo {
  return {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}
