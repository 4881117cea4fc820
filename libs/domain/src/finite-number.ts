import { z } from 'zod';

/**
 * A finite number, `what` naming it in messages: "… must be a number" for other types,
 * "… must be a finite number" for ±Infinity (zod refuses both as the wrong type).
 */
export function finiteNumberSchema(what: string) {
  return z.number({
    error: (issue) =>
      typeof issue.input === 'number' && !Number.isNaN(issue.input)
        ? `${what} must be a finite number`
        : `${what} must be a number`,
  });
}

/**
 * The bound of any reported or rated value: ±1e15, far beyond any real indicator yet small
 * enough that sums and ratios stay exact to the unit.
 */
export const VALUE_BOUND = 1e15;

/** A reported value: finite and within ±VALUE_BOUND. */
export function boundedValueSchema(what: string) {
  return finiteNumberSchema(what)
    .min(-VALUE_BOUND, { message: `${what} must be at least -${VALUE_BOUND}` })
    .max(VALUE_BOUND, { message: `${what} must be at most ${VALUE_BOUND}` });
}
