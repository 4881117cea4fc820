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

/** The password rules, each a code the console and the API put in words (the console in the person's language). */
export const PASSWORD_RULES = [
  'too_short',
  'too_long',
  'contains_user_name',
  'common',
  'too_few_different_characters',
] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

const PASSWORD_RULE_WORDS: Record<PasswordRule, string> = {
  too_short: `must have at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `must have at most ${MAX_PASSWORD_BYTES} bytes`,
  contains_user_name: 'must not contain the user name',
  common: 'is one of the 10,000 most common passwords',
  too_few_different_characters: 'must use more than three different characters',
};

/**
 * The rule `password` breaks for the account `username`, or undefined when it may be used: at
 * least 12 characters, at most 72 bytes (bcrypt's limit), not the user name (nor contained in
 * it, nor containing it), not one of the 10,000 most common passwords.
 */
export function brokenPasswordRule(password: string, username: string): PasswordRule | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) return 'too_long';
  const lowered = password.toLowerCase();
  const name = username.toLowerCase();
  if (lowered === name || (name.length >= 4 && lowered.includes(name))) return 'contains_user_name';
  if (isCommonPassword(password)) return 'common';
  if (new Set(password).size < 4) return 'too_few_different_characters';
  return undefined;
}

/** Why `password` may not be used by the account `username` (in English), or undefined when it may. */
export function passwordProblem(password: string, username: string): string | undefined {
  const rule = brokenPasswordRule(password, username);
  return rule && PASSWORD_RULE_WORDS[rule];
}
