import { z } from 'zod';

/** Ids appear in report paths, URLs and workflow ids, so they hold no dots, slashes or spaces. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'expected an id of 1 to 64 letters, digits, "-" or "_"' });

/** The longest name (of a cycle, category, unit, indicator or dimension), in characters. */
export const MAX_NAME_LENGTH = 200;

/** A name of at most MAX_NAME_LENGTH characters; a cycle's name goes out with every listing. */
export const nameSchema = z
  .string()
  .min(1, { message: 'a name must not be empty' })
  .max(MAX_NAME_LENGTH, { message: `a name is at most ${MAX_NAME_LENGTH} characters` });
