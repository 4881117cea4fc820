import { describe, expect, it } from 'vitest';
import { brokenPasswordRule, isCommonPassword, passwordProblem } from './password-rules';

describe('password rules', () => {
  it.each([
    ['short-pw', 'li', 'must have at least 12 characters'],
    ['十一个汉字的密码不够长', 'li', 'must have at least 12 characters'],
    ['qwerty123456', 'li', 'is one of the 10,000 most common passwords'],
    ['QWERTY123456', 'li', 'is one of the 10,000 most common passwords'],
    ['zhangsan-2026-ok', 'zhangsan', 'must not contain the user name'],
    ['ZHANGSAN-2026-ok', 'zhangsan', 'must not contain the user name'],
    ['aaaaaaaaaaaaaaa', 'li', 'must use more than three different characters'],
    ['é'.repeat(40), 'li', 'must have at most 72 bytes'],
  ])('refuses %j for %s: %s', (password, username, problem) => {
    expect(passwordProblem(password, username)).toBe(problem);
  });

  it.each([
    ['Lantern-harbour-47', 'root-admin'],
    ['十二个汉字组成的一句长密码呀', 'li'],
    ['li-has-a-long-pass', 'li'], // a name of under four letters may appear inside
  ])('accepts %j for %s', (password, username) => {
    expect(passwordProblem(password, username)).toBeUndefined();
  });

  it('ships the list of the 10,000 most common passwords', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('123456')).toBe(true);
    expect(isCommonPassword('Lantern-harbour-47')).toBe(false);
  });

  it.each([
    ['short-pw', 'li', 'too_short'],
    ['qwerty123456', 'li', 'common'],
    ['zhangsan-2026-ok', 'zhangsan', 'contains_user_name'],
    ['aaaaaaaaaaaaaaa', 'li', 'too_few_different_characters'],
    ['é'.repeat(40), 'li', 'too_long'],
    ['Lantern-harbour-47', 'root-admin', undefined],
  ])('names the rule %j breaks for %s: %s', (password, username, rule) => {
    expect(brokenPasswordRule(password, username)).toBe(rule);
  });
});
