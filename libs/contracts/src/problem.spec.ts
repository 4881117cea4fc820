import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemsOfIssue } from './problem';

const problems = (schema: z.ZodType, value: unknown, prefix: string[] = []) => {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) throw new Error('expected a refusal');
  return parsed.error.issues.flatMap((issue) => problemsOfIssue(issue, prefix));
};

describe('problemsOfIssue', () => {
  const body = z.strictObject({
    name: z.string().trim().min(1).max(5),
    port: z.number().int().min(1).max(65535),
    url: z.url({ protocol: /^https?$/ }),
    roles: z.array(z.string()).min(1),
    kind: z.enum(['a', 'b']),
    key: z
      .string()
      .refine((value) => value.includes('key='), { message: 'needs a key', params: { code: 'robot_key_missing' } }),
    other: z.string().refine((value) => value !== 'x', 'not x'),
  });

  it('gives each problem its path and a code a program can word, with the bound or format it broke', () => {
    expect(
      problems(body, {
        name: '  ',
        port: 70000,
        url: 'ftp://host',
        roles: [],
        kind: 'c',
        key: 'nothing',
        other: 'x',
        extra: 1,
      }),
    ).toEqual([
      { path: 'name', message: expect.any(String), code: 'too_small', limit: 1, origin: 'string' },
      { path: 'port', message: expect.any(String), code: 'too_big', limit: 65535, origin: 'number' },
      { path: 'url', message: expect.any(String), code: 'invalid_format', format: 'url' },
      { path: 'roles', message: expect.any(String), code: 'too_small', limit: 1, origin: 'array' },
      { path: 'kind', message: expect.any(String), code: 'invalid_value' },
      { path: 'key', message: 'needs a key', code: 'robot_key_missing' },
      { path: 'other', message: 'not x', code: 'custom' },
      { path: 'extra', message: 'property extra should not exist', code: 'unknown_field' },
    ]);
  });

  it('calls a value absent or null where one must be required, and ±Infinity what it is', () => {
    expect(problems(z.object({ a: z.string(), b: z.number(), c: z.number() }), { b: null, c: Infinity })).toEqual([
      { path: 'a', message: expect.any(String), code: 'required' },
      { path: 'b', message: expect.any(String), code: 'required' },
      { path: 'c', message: 'expected a finite number, received Infinity', code: 'invalid_type' },
    ]);
    expect(problems(z.string(), 5, ['month'])).toEqual([
      { path: 'month', message: expect.any(String), code: 'invalid_type' },
    ]);
    expect(problems(z.string(), 5)).toEqual([{ path: '$', message: expect.any(String), code: 'invalid_type' }]);
  });
});
