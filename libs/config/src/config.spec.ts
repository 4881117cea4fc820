import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, GENERATED_JWT_SECRET_FILE, jwtSecretOf, loadConfig } from './config';

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
});
