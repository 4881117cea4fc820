import { hash } from 'bcryptjs';
import { randomInt } from 'node:crypto';

/** No 0/O, 1/l/I: a temporary password is read out or copied by hand. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const LENGTH = 16;

/** A random password (about 93 bits) that an administrator hands over and its owner replaces at first sign-in. */
export function temporaryPassword(): string {
  return Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/**
 * The bcrypt cost of a temporary password's hash. A slow hash protects passwords people choose,
 * which can be guessed; a temporary password is 16 random characters (about 93 bits), beyond
 * any search however fast each try is, and lives only until its first use. Cost 4 (16 rounds
 * instead of 1,024) lets an import hash a thousand of them in about a second instead of a
 * minute and a half, without the request tying up the API. The password chosen to replace it is
 * hashed at the full cost.
 */
export const TEMPORARY_PASSWORD_HASH_ROUNDS = 4;

/**
 * The most rows an address-book import with `temporaryPasswords=true` takes: hashing them stays
 * within a few seconds (well inside API_REQUEST_TIMEOUT_MS, 30 s by default) even on a busy
 * machine. Larger books are imported in parts, or without temporary passwords.
 */
export const TEMPORARY_PASSWORD_IMPORT_MAX_ROWS = 1_000;

/** A bcrypt hash of a temporary password (see TEMPORARY_PASSWORD_HASH_ROUNDS). */
export function hashTemporaryPassword(password: string): Promise<string> {
  return hash(password, TEMPORARY_PASSWORD_HASH_ROUNDS);
}
