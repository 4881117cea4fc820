import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  channelSecretKeyOf,
  ConfigError,
  GENERATED_CHANNEL_KEY_FILE,
  GENERATED_JWT_SECRET_FILE,
  jwtSecretOf,
  loadConfig,
  publicUrlOf,
  workflowHeapShortfall,
} from './config';

describe('loadConfig', () => {
  it('fills defaults around a valid database URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/jiebang' });
    expect(config).toMatchObject({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_TASK_QUEUE: 'jiebang',
      PORT: 3000,
      DEMO_IMPORT: true,
    });
  });

  it('names every bad variable and what is wrong with it', () => {
    let thrown: unknown;
    try {
      loadConfig({ PORT: 'eighty', TEMPORAL_ADDRESS: 'nohost' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const message = (thrown as ConfigError).message;
    expect(message).toContain('DATABASE_URL: is required');
    expect(message).toContain('PORT:');
    expect(message).toContain('TEMPORAL_ADDRESS: must be host:port');
  });

  it('rejects a database URL of another kind', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/x' })).toThrow(/DATABASE_URL: must start with postgres/);
  });

  it('requires JWT_SECRET for the API in production and elsewhere generates one key, kept owner-only', () => {
    const url = 'postgres://u:p@localhost:5432/jiebang';
    const dataDir = mkdtempSync(join(tmpdir(), 'jiebang-config-'));
    try {
      expect(() => jwtSecretOf(loadConfig({ DATABASE_URL: url, NODE_ENV: 'production' }))).toThrow(
        /JWT_SECRET: is required when NODE_ENV=production/,
      );
      expect(() => loadConfig({ DATABASE_URL: url, JWT_SECRET: 'short' })).toThrow(
        /JWT_SECRET: must be at least 32 characters/,
      );
      const generated = jwtSecretOf(loadConfig({ DATABASE_URL: url, JIEBANG_DATA_DIR: dataDir }));
      const file = join(dataDir, GENERATED_JWT_SECRET_FILE);
      expect(generated).toEqual({ secret: expect.stringMatching(/^[\w-]{64}$/), generated: file });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // Kept: the same key after a restart, and not one derived from anything public.
      expect(jwtSecretOf(loadConfig({ DATABASE_URL: url, JIEBANG_DATA_DIR: dataDir })).secret).toBe(generated.secret);
      const elsewhere = mkdtempSync(join(tmpdir(), 'jiebang-config-'));
      expect(jwtSecretOf(loadConfig({ DATABASE_URL: url, JIEBANG_DATA_DIR: elsewhere })).secret).not.toBe(
        generated.secret,
      );
      rmSync(elsewhere, { recursive: true, force: true });
      const given = 'x'.repeat(40);
      expect(jwtSecretOf(loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', JWT_SECRET: given }))).toEqual({
        secret: given,
        generated: null,
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names bad delivery variables and requires CHANNEL_SECRET_KEY in production', () => {
    const url = 'postgres://u:p@localhost:5432/jiebang';
    expect(() => loadConfig({ DATABASE_URL: url, PUBLIC_URL: 'jiebang.example.cn' })).toThrow(
      /PUBLIC_URL: must be a URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: url, DIGEST_AT: '8:30am' })).toThrow(/DIGEST_AT: must be a time HH:mm/);
    expect(() => loadConfig({ DATABASE_URL: url, DELIVERY_MAX_ATTEMPTS: '0' })).toThrow(/DELIVERY_MAX_ATTEMPTS/);
    expect(() => channelSecretKeyOf(loadConfig({ DATABASE_URL: url, NODE_ENV: 'production' }))).toThrow(
      /CHANNEL_SECRET_KEY: is required when NODE_ENV=production/,
    );
    const dataDir = mkdtempSync(join(tmpdir(), 'jiebang-config-'));
    try {
      const generated = channelSecretKeyOf(loadConfig({ DATABASE_URL: url, JIEBANG_DATA_DIR: dataDir }));
      expect(generated.generated).toBe(join(dataDir, GENERATED_CHANNEL_KEY_FILE));
      expect(statSync(generated.generated!).mode & 0o777).toBe(0o600);
      expect(channelSecretKeyOf(loadConfig({ DATABASE_URL: url, JIEBANG_DATA_DIR: dataDir })).key).toBe(generated.key);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(publicUrlOf(loadConfig({ DATABASE_URL: url, PUBLIC_URL: 'https://jiebang.example.cn/' }))).toBe(
      'https://jiebang.example.cn',
    );
  });
});

describe('worker capacity and request timeout', () => {
  const url = 'postgres://u:p@localhost:5432/jiebang';

  it('has documented defaults', () => {
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({
      WORKER_MAX_CACHED_WORKFLOWS: 250,
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 20,
      WORKER_MAX_CONCURRENT_ACTIVITIES: 20,
      WORKER_WORKFLOW_HEAP_MB: 1_024,
      API_REQUEST_TIMEOUT_MS: 30_000,
    });
  });

  it('refuses a cache of one and more concurrent tasks than cached workflows, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: url, WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(
      /WORKER_MAX_CACHED_WORKFLOWS: must be 0 \(no cache\) or at least 2/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: url, WORKER_MAX_CACHED_WORKFLOWS: '10', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40' }),
    ).toThrow(/WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: must not exceed WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => loadConfig({ DATABASE_URL: url, WORKER_MAX_CONCURRENT_ACTIVITIES: 'many' })).toThrow(
      /WORKER_MAX_CONCURRENT_ACTIVITIES/,
    );
    expect(() => loadConfig({ DATABASE_URL: url, WORKER_WORKFLOW_HEAP_MB: '64' })).toThrow(/WORKER_WORKFLOW_HEAP_MB/);
    expect(
      loadConfig({ DATABASE_URL: url, WORKER_MAX_CACHED_WORKFLOWS: '0', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40' })
        .WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    ).toBe(40);
  });
});

describe('workflowHeapShortfall', () => {
  const url = 'postgres://u:p@localhost:5432/jiebang';

  it('finds the default heap enough for the default cache, and a cache of none needs no heap', () => {
    expect(workflowHeapShortfall(loadConfig({ DATABASE_URL: url }))).toBeUndefined();
    expect(
      workflowHeapShortfall(
        loadConfig({ DATABASE_URL: url, WORKER_MAX_CACHED_WORKFLOWS: '0', WORKER_WORKFLOW_HEAP_MB: '128' }),
      ),
    ).toBeUndefined();
  });

  it('says what a heap too small for the cache holds and what to set', () => {
    expect(workflowHeapShortfall(loadConfig({ DATABASE_URL: url, WORKER_WORKFLOW_HEAP_MB: '256' }))).toBe(
      'WORKER_WORKFLOW_HEAP_MB=256 holds about 128 cached workflows at 2 MB each, but WORKER_MAX_CACHED_WORKFLOWS=250: ' +
        'raise the heap to 500 MB or lower the cache, or the workflow threads may run out of memory',
    );
  });
});
