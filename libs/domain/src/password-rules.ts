import commonPasswordList from './common-passwords/top-10000.json';

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
export const MAX_PASSWORD_BYTES = 72;

let commonPasswords: ReadonlySet<string> | undefined;

/** True when `password` is one of the 10,000 most common passwords (ignoring case). */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set((commonPasswordList as string[]).map((entry) => entry.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/**
 * Why `password` may not be used by the account `username`, or undefined when it may: at least
 * 12 characters, at most 72 bytes (bcrypt's limit), not the user name (nor contained in it, nor
 * containing it), not one of the 10,000 most common passwords.
 */
export function passwordProblem(password: string, username: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES)
    return `must have at most ${MAX_PASSWORD_BYTES} bytes`;
  const lowered = password.toLowerCase();
  const name = username.toLowerCase();
  if (lowered === name || (name.length >= 4 && lowered.includes(name))) return 'must not contain the user name';
  if (isCommonPassword(password)) return 'is one of the 10,000 most common passwords';
  if (new Set(password).size < 4) return 'must use more than three different characters';
  return undefined;
}
