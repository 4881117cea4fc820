import { z } from 'zod';
import { idValue, text, TEXT_LIMITS } from './fields';

export const recordVetoBody = z.strictObject({
  unitId: idValue,
  month: z.number().int().min(1).max(12),
  reason: text(TEXT_LIMITS.long),
  evidence: z.string().trim().max(TEXT_LIMITS.long).optional(),
});
export type RecordVetoBody = z.infer<typeof recordVetoBody>;
