import { describe, expect, it } from 'vitest';
import { identifierKey, textHygieneProblem } from './text-hygiene';

describe('text hygiene', () => {
  it.each([
    ['NUL', 'a\u0000b', 'control'],
    ['ESC', 'esc\u001b[31m', 'control'],
    ['BEL', '\u0007bell', 'control'],
    ['backspace', 'back\bspace', 'control'],
    ['a lone surrogate', 'x\ud800', 'surrogate'],
    ['a right-to-left override', '张三\u202E', 'bidirectional'],
    ['an isolate', '\u2067abc\u2069', 'bidirectional'],
    ['only zero-width characters', '\u200B\u200C\u200D', 'visible'],
    ['zero-width characters and spaces', ' \u200B \uFEFF ', 'visible'],
  ])('refuses %s', (_label, text, word) => {
    expect(textHygieneProblem(text)).toContain(word);
  });

  it.each(['张三', 'tab\tand\nnewline', '👍🏽', 'a\u200Db', 'Zoë', '   '])('takes %j', (text) => {
    expect(textHygieneProblem(text)).toBeUndefined();
  });

  it('compares identifiers by case and width folded (NFKC)', () => {
    expect(identifierKey('ZT-HEAD-A1')).toBe(identifierKey('zt-head-a1'));
    expect(identifierKey('ＺＴ-ＨＥＡＤ-Ａ１')).toBe(identifierKey('zt-head-a1'));
    expect(identifierKey('zt-head-a1')).not.toBe(identifierKey('zt-head-a2'));
  });
});
