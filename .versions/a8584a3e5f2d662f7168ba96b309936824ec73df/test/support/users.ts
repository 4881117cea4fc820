import { hash } from 'bcryptjs';
import { Client } from 'pg';

/** The password of every user the tests create. */
export const TEST_PASSWORD = 'test-password';

export interface TestUser {
  user: string;
  roles: string[];
  unit?: string;
}

let passwordHash: Promise<string> | undefined;
const ensured = new Map<string, string>();

/**
 * Makes `user` exist with exactly these roles and unit (creating or updating the row), password
 * TEST_PASSWORD. Writes the database directly: tests set up people the way an administrator's
 * tooling would, not through an endpoint that production would have to expose.
 */
export async function ensureTestUser(databaseUrl: string, user: TestUser): Promise<void> {
  const key = `${databaseUrl}|${user.user}`;
  const shape = JSON.stringify([user.roles, user.unit ?? null]);
  if (ensured.get(key) === shape) return;
  passwordHash ??= hash(TEST_PASSWORD, 4);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO users (id, display_name, password_hash, roles, unit_id) VALUES ($1, $1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET roles = EXCLUDED.roles, unit_id = EXCLUDED.unit_id, disabled = false, updated_at = now()`,
      [user.user, await passwordHash, user.roles, user.unit ?? null],
    );
  } finally {
    await db.end();
  }
  ensured.set(key, shape);
}
