import { describe, expect, it } from 'vitest';
import { bulletinParagraphsBody, optionalParagraphsBody } from './bulletin';

describe('the bulletin paragraphs a request carries', () => {
  it('takes a request without a body as no paragraphs (the draft then speaks)', () => {
    expect(optionalParagraphsBody.parse(undefined)).toEqual({});
    expect(optionalParagraphsBody.parse({ opening: ' 现将情况通报如下。 ' })).toEqual({
      opening: '现将情况通报如下。',
    });
  });

  it('keeps newlines and refuses control characters, unknown fields and overlong text', () => {
    expect(bulletinParagraphsBody.parse({ closing: '一、\n二、' })).toEqual({ closing: '一、\n二、' });
    expect(bulletinParagraphsBody.safeParse({ closing: 'a\u0000b' }).success).toBe(false);
    expect(bulletinParagraphsBody.safeParse({ preface: 'x' }).success).toBe(false);
    expect(bulletinParagraphsBody.safeParse({ opening: '字'.repeat(4001) }).success).toBe(false);
  });
});
