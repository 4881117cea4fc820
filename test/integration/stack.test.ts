import { existsSync } from 'node:fs';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SEARCH_ATTRIBUTES } from '@jiebang/contracts/search-attributes';
import { isListening } from '@jiebang/devstack/free-port';
import { startTestStack, type TestStack } from '../support/stack';

const portOf = (address: string) => Number(new URL(address.includes('://') ? address : `tcp://${address}`).port);

describe('the test stack', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ ownPostgres: true });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs a Temporal dev server that serves the default namespace', async () => {
    const { namespaceInfo } = await stack.env.connection.workflowService.describeNamespace({ namespace: 'default' });
    expect(namespaceInfo?.name).toBe('default');
  });

  it('registers the search attributes the workflows use', async () => {
    const { customAttributes } = await stack.env.connection.operatorService.listSearchAttributes({
      namespace: 'default',
    });
    expect(Object.keys(customAttributes ?? {})).toEqual(
      expect.arrayContaining(SEARCH_ATTRIBUTES.map(({ name }) => name)),
    );
  });

  it('runs a Postgres that answers on the jiebang database', async () => {
    const db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ one: number; database: string }>(
        'SELECT 1 AS one, current_database() AS database',
      );
      expect(rows).toEqual([{ one: 1, database: 'jiebang' }]);
    } finally {
      await db.end();
    }
  });

  it('leaves no server listening and no folder behind once stopped', async () => {
    const temporalPort = portOf(stack.temporalAddress);
    const postgresPort = portOf(stack.databaseUrl);
    expect(await isListening(temporalPort)).toBe(true);
    expect(await isListening(postgresPort)).toBe(true);

    await stack.stop();

    expect(await isListening(temporalPort)).toBe(false);
    expect(await isListening(postgresPort)).toBe(false);
    expect(existsSync(stack.tempDir)).toBe(false);
  });

  it('gives a suite on the project’s shared Postgres a migrated database of its own, dropped when it stops', async () => {
    const [first, second] = await Promise.all([startTestStack(), startTestStack()]);
    const admin = new PgClient({ connectionString: inject('sharedPostgres').adminUrl });
    await admin.connect();
    try {
      const nameOf = (url: string) => new URL(url).pathname.slice(1);
      expect(nameOf(first.databaseUrl)).not.toBe(nameOf(second.databaseUrl));
      for (const stack of [first, second]) {
        const db = new PgClient({ connectionString: stack.databaseUrl });
        await db.connect();
        try {
          const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM migrations');
          expect(rows[0]!.n).toBeGreaterThan(0);
        } finally {
          await db.end();
        }
      }
      await Promise.all([first.stop(), second.stop()]);
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname = ANY($1)', [
        [nameOf(first.databaseUrl), nameOf(second.databaseUrl)],
      ]);
      expect(rows).toEqual([]);
    } finally {
      await admin.end();
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
