import { describe, expect, it } from 'vitest';
import { ConfigError, jwtSecretOf, loadConfig } from './config';

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

  it('requires JWT_SECRET for the API in production and derives a stable one elsewhere', () => {
    const url = 'postgres://u:p@localhost:5432/jiebang';
    expect(() => jwtSecretOf(loadConfig({ DATABASE_URL: url, NODE_ENV: 'production' }))).toThrow(
      /JWT_SECRET: is required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ DATABASE_URL: url, JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32 characters/,
    );
    const derived = jwtSecretOf(loadConfig({ DATABASE_URL: url }));
    expect(derived).toEqual({ secret: expect.stringMatching(/^[0-9a-f]{64}$/), derived: true });
    expect(jwtSecretOf(loadConfig({ DATABASE_URL: url })).secret).toBe(derived.secret);
    const given = 'x'.repeat(40);
    expect(jwtSecretOf(loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', JWT_SECRET: given }))).toEqual({
      secret: given,
      derived: false,
    });
  });
});

describe('worker capacity and request timeout', () => {
  const url = 'postgres://u:p@localhost:5432/jiebang';

  it('has documented defaults', () => {
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({
      WORKER_MAX_CACHED_WORKFLOWS: 250,
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 20,
      WORKER_MAX_CONCURRENT_ACTIVITIES: 20,
      API_REQUEST_TIMEOUT_MS: 10_000,
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
    expect(
      loadConfig({ DATABASE_URL: url, WORKER_MAX_CACHED_WORKFLOWS: '0', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40' })
        .WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    ).toBe(40);
  });
});
