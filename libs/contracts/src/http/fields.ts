import { z } from 'zod';
import { boundedValueSchema } from '@jiebang/domain';

/**
 * The fields every request schema is built from (`@jiebang/contracts/http/fields`): bounded text,
 * ids, months, numbers and instants, each with the limits the OpenAPI document states.
 */
// The checks of the contracts' text hygiene, re-exported for the API's callers.
export { CONTROL_CHARACTER, LONE_SURROGATE } from '../text-hygiene';
/** Text without control characters (tab and newline allowed). */
// eslint-disable-next-line no-control-regex
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B-\u001F\u007F-\u009F]*$/;
const NO_CONTROL_MESSAGE = 'must not contain control characters (only tab and newline are allowed)';

/** Upper bounds of free text, in characters: every string the API takes has one. */
export const TEXT_LIMITS = {
  /** user names, passwords, filter values */
  short: 200,
  /** titles and names */
  title: 200,
  /** reasons, comments, responses, descriptions */
  long: 4000,
} as const;

/** No string anywhere in a request is longer than this, whatever its route's schema says. */
export const MAX_STRING_LENGTH = 10_000;

/** Free text of at most `max` characters: trimmed, not empty, without control characters. */
export function text(max: number) {
  return z.string().trim().min(1).max(max).regex(NO_CONTROL_CHARACTERS, NO_CONTROL_MESSAGE);
}

/** A single-line value (a name, a filter) of at most `max` characters, not trimmed. */
export function token(max: number) {
  return z.string().min(1).max(max).regex(NO_CONTROL_CHARACTERS, NO_CONTROL_MESSAGE);
}

/**
 * An id in a path or a filter: cycles, units, cases (`<cycle>/<unit>/<rung>/m<month>`, URL-encoded),
 * supervision items, workflows. Letters, digits and `. _ : / -` only, so it is safe in a
 * visibility query too.
 */
export const idValue = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'must be an id: letters, digits and . _ : / - only');

/** A number a person reports or rates: finite and within ±1e15 (VALUE_BOUND). */
export const reportedValue = boundedValueSchema('a value');

/** A month of the cycle, 1 to 12, written in decimal digits in a path or query (`0x1`, `1e0`, `01.0` refused). */
export const monthNumber = z
  .string()
  .regex(/^(?:[1-9]|1[0-2])$/, 'must be a month number from 1 to 12, written in decimal digits')
  .transform(Number);

/** A whole number in a query, decimal digits only, within `[min, max]`. */
export function wholeNumberQuery(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,16}$/, 'must be a whole number written in decimal digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** An instant with an offset (ISO 8601), between the years 2000 and 2100. */
export const instant = z.iso.datetime({ offset: true }).refine((value) => {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return true; // not a date at all: the format check says so
  const year = new Date(time).getUTCFullYear();
  return year >= 2000 && year <= 2100;
}, 'must be a date between the years 2000 and 2100');

/**
 * A value an answer passes on as it is (a workflow's live state, an explanation, a scenario's
 * own shapes): an object in the OpenAPI document, `T` to the compiler.
 */
export function opaque<T>(): z.ZodType<T> {
  return z.looseObject({}) as unknown as z.ZodType<T>;
}
