import { z } from 'zod';

// Answers of the workbook imports and exports (目标任务书, monthly workbooks).

/** One thing wrong with an uploaded workbook, at its place: `指标!F7`, in Chinese and in English. */
export const workbookProblem = z.object({
  cell: z.string().describe("`指标!F7`; `指标!7:7` for a whole row; a sheet's name for the sheet; `$` for the file"),
  sheet: z.string().nullable(),
  row: z.number().nullable(),
  column: z.number().nullable(),
  message: z.string(),
  messageEn: z.string(),
});
export type WorkbookProblem = z.infer<typeof workbookProblem>;

/** What a checked workbook would import: the preview a person confirms. */
export const targetWorkbookPreview = z.object({
  name: z.string(),
  year: z.number(),
  fullScore: z.number(),
  categories: z.array(z.object({ id: z.string(), name: z.string(), units: z.number() })),
  units: z.array(
    z.object({ id: z.string(), name: z.string(), category: z.string(), indicators: z.number(), weight: z.number() }),
  ),
  indicators: z.number(),
});
export type TargetWorkbookPreview = z.infer<typeof targetWorkbookPreview>;
