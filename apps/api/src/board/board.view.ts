import type { Light, TargetGap } from '@jiebang/domain';
import type { RankingStatus } from '@jiebang/persistence';

/** One indicator of a unit on the board. */
export interface BoardIndicatorView {
  indicator: string;
  name: string;
  dimension: string;
  /** Null when the unit has no approved report for the month. */
  light: Light | null;
  d: number | null;
  /** The actual as a percentage of the plan to date; null without an actual or where it has no meaning. */
  planPercent: number | null;
  actual: number | null;
  /** The annual target (满意值). */
  target: number;
  gap: TargetGap | null;
}

/** One unit's row of the board. */
export interface BoardUnitView {
  unit: string;
  name: string;
  score: number;
  rank: number;
  /** Places gained since last month (negative: lost); null in month 1. */
  movement: number | null;
  lagging: boolean;
  vetoed: boolean;
  reported: boolean;
  indicators: BoardIndicatorView[];
  /** Indicator ids: 优势 (green, strongest first) and 薄弱 (red, weakest first). */
  strong: string[];
  weak: string[];
}

export interface BoardCategoryView {
  id: string;
  name: string;
  units: BoardUnitView[];
}

/** A series over the months so far: one entry per month, null where the month is not visible. */
export interface BoardTrendsView {
  months: number[];
  units: Record<string, { score: Array<number | null>; rank: Array<number | null> }>;
  indicators: Record<string, { unit: string; d: Array<number | null>; planPercent: Array<number | null> }>;
}

/** The board (挂图作战) of one month as the reader may see it. */
export interface BoardView {
  cycleId: string;
  cycleName: string;
  month: number;
  version: number;
  status: RankingStatus;
  publishedAt: string | null;
  categories: BoardCategoryView[];
  counts: { units: number; lagging: number; vetoed: number; lights: Record<Light, number> };
  trends: BoardTrendsView;
}

/** One month of a unit on the year page; null where the month has no ranking the reader may see. */
export interface YearCellView {
  rank: number;
  score: number;
  lagging: boolean;
  vetoed: boolean;
  lights: Record<Light, number>;
}

/** The year page: every month side by side per unit (a heat map of ranks and lights). */
export interface YearView {
  cycleId: string;
  cycleName: string;
  /** The months with a visible ranking, and its version and status. */
  months: Array<{ month: number; version: number; status: RankingStatus }>;
  categories: Array<{
    id: string;
    name: string;
    size: number;
    units: Array<{ unit: string; name: string; months: Array<YearCellView | null> }>;
  }>;
}

/** A published month's board as a public link shows it: unit names and figures only. */
export interface PublicBoardView {
  cycleName: string;
  month: number;
  publishedAt: string | null;
  categories: Array<{
    name: string;
    units: Array<{
      name: string;
      rank: number;
      score: number;
      movement: number | null;
      lagging: boolean;
      vetoed: boolean;
      indicators: Array<{ name: string; light: Light | null; planPercent: number | null }>;
    }>;
  }>;
}

/** A public link just made: the only time its address is shown. */
export interface BoardLinkCreatedView {
  token: string;
  path: string;
}

export interface BoardLinksView {
  links: Array<{ createdBy: string; createdAt: string }>;
}
