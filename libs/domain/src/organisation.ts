import { z } from 'zod';
import { idSchema, nameSchema } from './identifier';

/** A category of units (单位分类); units are ranked only against their own category. */
export const categorySchema = z.object({ id: idSchema, name: nameSchema }).strict();
export type Category = z.infer<typeof categorySchema>;

/** An assessed unit (单位) with its head and the deputy in charge (分管负责同志). */
export const unitSchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    category: idSchema,
    head: nameSchema.optional(),
    deputy: nameSchema.optional(),
  })
  .strict();
export type Unit = z.infer<typeof unitSchema>;
