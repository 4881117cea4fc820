/** How account passwords are stored (bcrypt) and checked: the API and the CLI's users create share it. */
import { compare, hash } from 'bcryptjs';
import { randomBytes } from 'node:crypto';

/** bcrypt cost: about 0.1 s per hash on one core of the reference machine. */
export const PASSWORD_HASH_ROUNDS = 10;

/** bcrypt reads at most 72 bytes; longer passwords would be silently cut. */
export const MAX_PASSWORD_BYTES = 72;

export function hashPassword(password: string): Promise<string> {
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES)
    throw new RangeError(`A password has at most ${MAX_PASSWORD_BYTES} bytes`);
  return hash(password, PASSWORD_HASH_ROUNDS);
}

let decoy: Promise<string> | undefined;

/**
 * Compares a password with a stored hash. Without a stored hash (no such user) it still spends
 * the time of one comparison, so the answer's timing does not tell which user names exist.
 */
export async function passwordMatches(password: string, storedHash: string | undefined): Promise<boolean> {
  decoy ??= hash(randomBytes(16).toString('hex'), PASSWORD_HASH_ROUNDS);
  const matches = await compare(password, storedHash ?? (await decoy));
  return storedHash !== undefined && matches;
}
