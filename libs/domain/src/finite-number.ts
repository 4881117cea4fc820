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
