import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedTemporalCliPath, resolveTemporalCli, TEMPORAL_CLI_VERSION } from './temporal-cli';

describe('resolveTemporalCli', () => {
  let sandbox: string;
  let emptyPath: string;

  beforeEach(async () => {
    sandbox = await mkdtemp(join(tmpdir(), 'jiebang-cli-spec-'));
    emptyPath = join(sandbox, 'bin');
    await mkdir(emptyPath);
    vi.stubEnv('JIEBANG_CACHE_DIR', join(sandbox, 'cache'));
    vi.stubEnv('PATH', emptyPath); // neither temporal nor go
    vi.stubEnv('TEMPORAL_CLI', '');
  });

  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(sandbox, { recursive: true, force: true });
  });

  const fakeBinary = async (path: string) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, '#!/bin/sh\necho temporal\n');
    await chmod(path, 0o755);
  };

  it('uses TEMPORAL_CLI when it names an executable, and refuses one that does not exist', async () => {
    const binary = join(sandbox, 'my-temporal');
    await fakeBinary(binary);
    vi.stubEnv('TEMPORAL_CLI', binary);
    await expect(resolveTemporalCli()).resolves.toBe(binary);

    vi.stubEnv('TEMPORAL_CLI', join(sandbox, 'nothing-here'));
    await expect(resolveTemporalCli()).rejects.toThrow(/TEMPORAL_CLI=.*nothing-here is not an executable/);
  });

  it('prefers temporal on PATH to the cached build', async () => {
    await fakeBinary(join(emptyPath, 'temporal'));
    await fakeBinary(cachedTemporalCliPath());
    await expect(resolveTemporalCli()).resolves.toBe(join(emptyPath, 'temporal'));
  });

  it('reuses the cached build under JIEBANG_CACHE_DIR', async () => {
    await fakeBinary(cachedTemporalCliPath());
    expect(cachedTemporalCliPath()).toBe(join(sandbox, 'cache', `temporal-${TEMPORAL_CLI_VERSION}`, 'temporal'));
    await expect(resolveTemporalCli()).resolves.toBe(cachedTemporalCliPath());
  });

  it('explains how to install the CLI when there is nothing to use and no Go to build with', async () => {
    const failure = resolveTemporalCli();
    await expect(failure).rejects.toThrow(/brew install temporal/);
    await expect(failure).rejects.toThrow(/curl -sSf https:\/\/temporal\.download\/cli\.sh \| sh/);
    await expect(failure).rejects.toThrow(`go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`);
    await expect(failure).rejects.toThrow(/TEMPORAL_CLI=\/path\/to\/temporal/);
  });

  it('waits for a build another process is running, then uses its result', async () => {
    const target = cachedTemporalCliPath();
    const lock = `${target}.lock`;
    const builder = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 30_000)']);
    await mkdir(lock, { recursive: true });
    await writeFile(join(lock, 'owner.json'), JSON.stringify({ pid: builder.pid, host: hostname() }));
    const lines: string[] = [];
    try {
      const resolving = resolveTemporalCli((line) => lines.push(line));
      await sleep(1_500);
      await fakeBinary(target);
      await rm(lock, { recursive: true });

      await expect(resolving).resolves.toBe(target);
      expect(lines.join('\n')).toMatch(/Another process is building the Temporal CLI/);
    } finally {
      builder.kill();
    }
  });

  it('takes over the lock of a build whose process is gone', async () => {
    const target = cachedTemporalCliPath();
    const lock = `${target}.lock`;
    await fakeBinary(target);
    await mkdir(lock, { recursive: true });
    await writeFile(join(lock, 'owner.json'), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname() }));
    await expect(resolveTemporalCli()).resolves.toBe(target);
  });
});
