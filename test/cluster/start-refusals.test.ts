import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freePort } from '@jiebang/devstack/free-port';
import {
  DEFAULT_HISTORY_SHARDS,
  HistoryShardsMismatchError,
  resolveTemporalServer,
  setUpTemporalSchemas,
} from '@jiebang/devstack/temporal-server';

const ROOT = resolve(__dirname, '../..');

/** Runs start:cluster to its end and returns its exit code and output. */
function startCluster(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const script = spawn(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'scripts/start-cluster.ts')], {
      cwd: ROOT,
      env: { ...process.env, JIEBANG_SKIP_BUILD: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    script.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    script.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    script.once('exit', (code) => done({ code, output }));
  });
}

describe('start:cluster on a data folder in use', () => {
  it('refuses a second start:cluster on the same folder, naming the running one', async () => {
    const cluster = inject('cluster');
    const { code, output } = await startCluster({
      JIEBANG_CLUSTER_DIR: dirname(cluster.runDir),
      PORT: String(await freePort()),
      TEMPORAL_PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/start-up failed: npm run start:cluster is already running \(pid \d+\) on /);
  });

  it("keeps Temporal's shard count: set up again with it changes nothing, another count is refused naming both", async () => {
    const database = new URL(inject('cluster').databaseUrl);
    const postgres = {
      host: database.hostname,
      port: Number(database.port),
      user: database.username,
      password: database.password,
    };
    const tools = await resolveTemporalServer();
    await setUpTemporalSchemas(tools, postgres, DEFAULT_HISTORY_SHARDS);
    const refused = await setUpTemporalSchemas(tools, postgres, 8).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HistoryShardsMismatchError);
    expect((refused as Error).message).toContain(
      `set up with ${DEFAULT_HISTORY_SHARDS} history shards and TEMPORAL_HISTORY_SHARDS asks for 8`,
    );
  });
});
