import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BIDI_CONTROL } from '@jiebang/contracts';
import { ApiException } from './api-exception';
import { CONTROL_CHARACTER } from '@jiebang/contracts/http/fields';
import { TextHygienePipe } from './validation';
import { zodPipe } from './zod-body';

const pipe = new TextHygienePipe();
const refusal = (run: () => unknown): ApiException => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiException) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

const controlCharacter = fc.constantFrom(
  ...Array.from({ length: 0xa0 }, (_, code) => String.fromCharCode(code)).filter((c) => CONTROL_CHARACTER.test(c)),
);

describe('TextHygienePipe', () => {
  it('refuses any string holding a control character, naming the field however deep it is', () => {
    fc.assert(
      fc.property(fc.string(), controlCharacter, fc.string(), (before, control, after) => {
        const error = refusal(() =>
          pipe.transform({ outer: [{ note: `${before}${control}${after}` }] }, { type: 'body' }),
        );
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.details).toEqual([
          { path: 'outer[0].note', message: expect.stringContaining('control'), code: 'unsafe_text' },
        ]);
      }),
    );
  });

  it('refuses half of a surrogate pair standing alone, in a value or a field name, and takes whole pairs', () => {
    for (const half of ['\ud800', '\udbff', '\udc00', '\udfff']) {
      for (const text of [half, `a${half}`, `${half}b`, `进展${half}顺利`]) {
        expect(refusal(() => pipe.transform({ texts: { progress: text } }, { type: 'body' })).details).toEqual([
          { path: 'texts.progress', message: expect.stringContaining('surrogate'), code: 'unsafe_text' },
        ]);
        expect(refusal(() => pipe.transform({ [text]: 1 }, { type: 'body' })).details).toEqual([
          { path: text, message: expect.stringContaining('a field name'), code: 'unsafe_text' },
        ]);
      }
    }
    const paired = '进展👍\ud83d\udc4d';
    expect(pipe.transform({ progress: paired }, { type: 'body' })).toEqual({ progress: paired });
  });

  it('lets through text with tabs, newlines and any printable character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const clean =
          text
            .replace(new RegExp(CONTROL_CHARACTER.source, 'g'), '')
            .replace(new RegExp(BIDI_CONTROL.source, 'g'), '') + 'x\t\n';
        expect(pipe.transform({ text: clean }, { type: 'body' })).toEqual({ text: clean });
      }),
    );
  });

  it('refuses bidi controls and names of nothing but zero-width characters, anywhere in a body or query', () => {
    for (const text of ['invoice\u202Efdp.exe', '\u2066x', '\u200B', '\u200B\u200D \uFEFF']) {
      expect(refusal(() => pipe.transform({ displayName: text }, { type: 'body' })).details).toEqual([
        { path: 'displayName', message: expect.stringMatching(/bidirectional|visible/), code: 'unsafe_text' },
      ]);
      expect(refusal(() => pipe.transform({ q: text }, { type: 'query' })).code).toBe('VALIDATION_FAILED');
    }
    expect(pipe.transform({ name: '区\u200D发改局' }, { type: 'body' })).toEqual({ name: '区\u200D发改局' });
  });

  it('requires a path parameter to be an id, and says it was the path', () => {
    const error = refusal(() => pipe.transform('abc\u0000', { type: 'param', data: 'cycleId' }));
    expect(error.message).toContain('path parameter cycleId');
    expect(pipe.transform('2026-demo/u-01', { type: 'param', data: 'cycleId' })).toBe('2026-demo/u-01');
  });
});

describe('zodPipe', () => {
  const schema = z.strictObject({ month: z.number() });
  it('names where the problem was: the body, a path parameter or the query', () => {
    expect(refusal(() => zodPipe(schema).transform({ month: 'x' }, { type: 'body' })).message).toMatch(
      /^Invalid request body: month:/,
    );
    expect(refusal(() => zodPipe(z.number()).transform('x', { type: 'param', data: 'month' })).message).toMatch(
      /^Invalid path parameter month: month:/,
    );
    expect(refusal(() => zodPipe(schema).transform({ month: 1, colour: 'red' }, { type: 'query' })).details).toEqual([
      { path: 'colour', message: 'property colour should not exist', code: 'unknown_field' },
    ]);
  });

  it('calls Infinity a number that is not finite', () => {
    expect(refusal(() => zodPipe(schema).transform({ month: Infinity }, { type: 'body' })).message).toContain(
      'expected a finite number, received Infinity',
    );
  });
});
