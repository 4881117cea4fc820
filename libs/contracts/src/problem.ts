import type { z } from 'zod';

/**
 * What kind of thing is wrong at a path, for a program (the console words it in the person's
 * language beside the field; never by reading `message`, which is for people reading the API):
 * - `required`: nothing was given (absent, or null where null is not taken) where something must be,
 *   or a refinement that makes a field required in some cases (a rejection needs a reason);
 * - `invalid_type`: a value of the wrong kind (text for a number, ±Infinity);
 * - `too_small` / `too_big`: below `limit` / above `limit` (characters, items or the number itself);
 * - `invalid_format`: not of its `format` (`url`, `email`, `regex`, `datetime`…);
 * - `invalid_value`: not one of the allowed values;
 * - `unknown_field`: a field the shape does not have;
 * - `unsafe_text`: control characters, bidi controls, nothing visible (libs/contracts' text hygiene);
 * - `robot_key_missing`: a WeCom robot address without its `key` (a refinement's own code);
 * - `custom`: another refinement, described by `message` only.
 */
export const PROBLEM_CODES = [
  'required',
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unknown_field',
  'unsafe_text',
  'robot_key_missing',
  'custom',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing wrong with an input document: where (`indicators[3].weight`, `$` for the whole) and what. */
export interface Problem {
  path: string;
  message: string;
  /** What kind of problem, for programs (absent in problems of documents checked before this existed). */
  code?: ProblemCode;
  /** The bound `too_small` / `too_big` broke. */
  limit?: number;
  /** What the bound of `too_small` / `too_big` counts: `string` (characters), `number`, `array` (items)… */
  origin?: string;
  /** The format `invalid_format` expected. */
  format?: string;
}

const isProblemCode = (value: unknown): value is ProblemCode => (PROBLEM_CODES as readonly unknown[]).includes(value);

/**
 * The problems of one zod issue, each with its path (under `prefix`, e.g. the path parameter's
 * name), its message and its code: the API's request pipes and the console's check before
 * sending both use this, so a field's problem has one shape wherever it is found. A refinement
 * names its code with `params: { code }` (one of PROBLEM_CODES).
 */
export function problemsOfIssue(issue: z.core.$ZodIssue, prefix: readonly string[] = []): Problem[] {
  const path = [...prefix, ...issue.path.map(String)];
  const at = (more: readonly string[] = []) => [...path, ...more].join('.') || '$';
  switch (issue.code) {
    case 'unrecognized_keys':
      // Each unknown field is its own problem, at the field.
      return issue.keys.map((key) => ({
        path: at([key]),
        message: `property ${key} should not exist`,
        code: 'unknown_field',
      }));
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null)
        return [{ path: at(), message: issue.message, code: 'required' }];
      // ±Infinity is a number zod refuses as the wrong type: called what it is.
      if (typeof issue.input === 'number' && !Number.isNaN(issue.input))
        return [{ path: at(), message: `expected a finite number, received ${issue.input}`, code: 'invalid_type' }];
      return [{ path: at(), message: issue.message, code: 'invalid_type' }];
    case 'too_small':
      return [
        { path: at(), message: issue.message, code: 'too_small', limit: Number(issue.minimum), origin: issue.origin },
      ];
    case 'too_big':
      return [
        { path: at(), message: issue.message, code: 'too_big', limit: Number(issue.maximum), origin: issue.origin },
      ];
    case 'invalid_format':
      return [{ path: at(), message: issue.message, code: 'invalid_format', format: issue.format }];
    case 'invalid_value':
    case 'invalid_union':
      return [{ path: at(), message: issue.message, code: 'invalid_value' }];
    case 'custom': {
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      return [{ path: at(), message: issue.message, code: isProblemCode(code) ? code : 'custom' }];
    }
    default:
      return [{ path: at(), message: issue.message, code: 'custom' }];
  }
}
