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
