import { brokenPasswordRule, passwordProblem } from '@jiebang/domain/password-rules';
import { ApiException } from '../common/api-exception';
import { hashPassword } from '@jiebang/persistence/passwords';

/** The bcrypt hash of a new password, or 400 WEAK_PASSWORD naming `field` and what is wrong. */
export async function acceptablePasswordHash(password: string, username: string, field: string): Promise<string> {
  const problem = passwordProblem(password, username);
  if (problem)
    throw new ApiException('WEAK_PASSWORD', `${field}: the password ${problem}`, [
      { path: field, message: problem, rule: brokenPasswordRule(password, username) },
    ]);
  return hashPassword(password);
}
