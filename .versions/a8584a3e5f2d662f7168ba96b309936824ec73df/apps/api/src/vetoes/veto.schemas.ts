import { z } from 'zod/v4';

export const recordVetoBody = z.strictObject({
  unitId: z.string().min(1),
  month: z.number().int().min(1).max(12),
  reason: z.string().trim().min(1).max(2000),
  evidence: z.string().trim().max(4000).optional(),
});
export type RecordVetoBody = z.infer<typeof recordVetoBody>;
