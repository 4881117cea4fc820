import { z } from 'zod';
import type { CyclePeriod } from '../catalogue';
import type { Policy } from '@jiebang/domain';
import { opaque } from './fields';

// Answers

export const cycleSummary = z.object({
  id: z.string().meta({ example: '2026-scenario-2026' }),
  name: z.string().meta({ example: 'Scenario 2026' }),
  year: z.number().meta({ example: 2026 }),
  categories: z.number(),
  units: z.number(),
  indicators: z.number(),
  pledgeOpenedAt: z.iso.datetime(),
  pledgeDeadline: z.iso.datetime().nullable().describe('null when it cannot be computed'),
  periods: z.array(opaque<CyclePeriod>()).describe('The twelve assessment periods'),
  policy: opaque<Policy>().describe('The policy with every default filled in'),
});
export type CycleSummary = z.infer<typeof cycleSummary>;

/** One cycle, with its categories and units by name (the console shows names, never ids). */
export const cycleDetail = cycleSummary.extend({
  organisation: z
    .object({
      categories: z.array(z.object({ id: z.string(), name: z.string() })),
      units: z.array(z.object({ id: z.string(), name: z.string(), categoryId: z.string() })),
    })
    .describe("The cycle's categories and units by name, in id order"),
});
export type CycleDetail = z.infer<typeof cycleDetail>;

export const cycleImportResult = z.object({
  created: z.boolean().describe('False when the same document had been imported before'),
  workflowsStarted: z.number().describe('Unit workflows started by this request (0 on a repeat)'),
  cycle: cycleSummary,
});
export type CycleImportResult = z.infer<typeof cycleImportResult>;
