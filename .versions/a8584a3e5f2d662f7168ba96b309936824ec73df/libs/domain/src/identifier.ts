import { z } from 'zod';

/** Ids appear in report paths, URLs and workflow ids, so they hold no dots, slashes or spaces. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'expected an id of 1 to 64 letters, digits, "-" or "_"' });
