import { randomInt } from 'node:crypto';

/** No 0/O, 1/l/I: a temporary password is read out or copied by hand. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const LENGTH = 16;

/** A random password (about 93 bits) that an administrator hands over and its owner replaces at first sign-in. */
export function temporaryPassword(): string {
  return Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
