import { z } from 'zod';
import { LIGHTS, type TargetGap } from '@jiebang/domain';
import { opaque } from './fields';
import { RANKING_STATUSES } from './months';

// Answers of the board (挂图作战), the year page and the public links.

const light = z.enum(LIGHTS);
const lightCounts = z.object({ green: z.number(), yellow: z.number(), red: z.number() });

/** One indicator of a unit on the board. */
export const boardIndicatorView = z.object({
  indicator: z.string(),
  name: z.string(),
  dimension: z.string(),
  light: light.nullable().describe('Null when the unit has no approved report for the month'),
  d: z.number().nullable(),
  planPercent: z
    .number()
    .nullable()
    .describe('The actual as a percentage of the plan to date; null without an actual or where it has no meaning'),
  actual: z.number().nullable(),
  target: z.number().describe('The annual target (满意值)'),
  gap: opaque<TargetGap>().nullable().describe('{ status, gap, monthsLeft, perMonth }'),
});
export type BoardIndicatorView = z.infer<typeof boardIndicatorView>;

/** One unit's row of the board. */
export const boardUnitView = z.object({
  unit: z.string(),
  name: z.string(),
  score: z.number(),
  rank: z.number(),
  movement: z.number().nullable().describe('Places gained since last month (negative: lost); null in month 1'),
  lagging: z.boolean(),
  vetoed: z.boolean(),
  reported: z.boolean(),
  indicators: z.array(boardIndicatorView),
  strong: z.array(z.string()).describe('Indicator ids: 优势 (green, strongest first)'),
  weak: z.array(z.string()).describe('Indicator ids: 薄弱 (red, weakest first)'),
});
export type BoardUnitView = z.infer<typeof boardUnitView>;

export const boardCategoryView = z.object({ id: z.string(), name: z.string(), units: z.array(boardUnitView) });
export type BoardCategoryView = z.infer<typeof boardCategoryView>;

const series = z.array(z.number().nullable());
/** A series over the months so far: one entry per month, null where the month is not visible. */
export const boardTrendsView = z.object({
  months: z.array(z.number()),
  units: z.record(z.string(), z.object({ score: series, rank: series })),
  indicators: z.record(z.string(), z.object({ unit: z.string(), d: series, planPercent: series })),
});
export type BoardTrendsView = z.infer<typeof boardTrendsView>;

/** The board (挂图作战) of one month as the reader may see it. */
export const boardView = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  month: z.number(),
  version: z.number(),
  status: z.enum(RANKING_STATUSES),
  publishedAt: z.iso.datetime().nullable(),
  categories: z.array(boardCategoryView),
  counts: z.object({ units: z.number(), lagging: z.number(), vetoed: z.number(), lights: lightCounts }),
  trends: boardTrendsView,
});
export type BoardView = z.infer<typeof boardView>;

/** One month of a unit on the year page; null where the month has no ranking the reader may see. */
export const yearCellView = z.object({
  rank: z.number(),
  score: z.number(),
  lagging: z.boolean(),
  vetoed: z.boolean(),
  lights: lightCounts,
});
export type YearCellView = z.infer<typeof yearCellView>;

/** The year page: every month side by side per unit (a heat map of ranks and lights). */
export const yearView = z.object({
  cycleId: z.string(),
  cycleName: z.string(),
  months: z
    .array(z.object({ month: z.number(), version: z.number(), status: z.enum(RANKING_STATUSES) }))
    .describe('The months with a visible ranking, and its version and status'),
  categories: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      size: z.number(),
      units: z.array(z.object({ unit: z.string(), name: z.string(), months: z.array(yearCellView.nullable()) })),
    }),
  ),
});
export type YearView = z.infer<typeof yearView>;

/** A published month's board as a public link shows it: unit names and figures only. */
export const publicBoardView = z.object({
  cycleName: z.string(),
  month: z.number(),
  publishedAt: z.iso.datetime().nullable(),
  categories: z.array(
    z.object({
      name: z.string(),
      units: z.array(
        z.object({
          name: z.string(),
          rank: z.number(),
          score: z.number(),
          movement: z.number().nullable(),
          lagging: z.boolean(),
          vetoed: z.boolean(),
          indicators: z.array(
            z.object({ name: z.string(), light: light.nullable(), planPercent: z.number().nullable() }),
          ),
        }),
      ),
    }),
  ),
});
export type PublicBoardView = z.infer<typeof publicBoardView>;

/** A public link just made: the only time its address is shown. */
export const boardLinkCreatedView = z.object({ token: z.string(), path: z.string() });
export type BoardLinkCreatedView = z.infer<typeof boardLinkCreatedView>;

export const boardLinksView = z.object({
  links: z.array(z.object({ createdBy: z.string(), createdAt: z.iso.datetime() })),
});
export type BoardLinksView = z.infer<typeof boardLinksView>;
