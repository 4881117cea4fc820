/**
 * Reads of an assessment year and everything under it: its units (with their reports), its
 * months (close stages, rankings, the board and bulletin), rating rounds, the year's results and
 * the project map. Every key starts with `['cycles', cycleId]`, so a step that changes the year
 * as a whole (a month closed) marks all of it stale with `cycleKeys.of(cycleId)`, and a step on one
 * unit's report only `cycleKeys.unit(cycleId, unitId)`.
 */
import { useQuery } from '@tanstack/react-query';
import type { BoardLinksView, BoardView, PublicBoardView, YearView } from '@jiebang/contracts/http/board';
import type { BulletinDraftView, BulletinVersionView } from '@jiebang/contracts/http/bulletin';
import type { PublicLinksSettingView } from '@jiebang/contracts/public-links';
import { seg } from '../client';
import type {
  AnnualResults,
  Cycle,
  CycleDetail,
  CycleStatus,
  Json,
  ProjectMap,
  Ranking,
  Unit,
  WeeklyDigest,
  WeeklyDispatchPlan,
  WeeklyNote,
} from '../types';
import { read } from './read';

export type Board = Json<BoardView>;
export type BoardLinks = BoardLinksView;
export type BulletinDraft = BulletinDraftView;
export type BulletinVersion = BulletinVersionView;
export type Year = Json<YearView>;
export type PublicBoard = Json<PublicBoardView>;

/** One unit the person rates, as the API answers it (their own score only). */
export interface MyRating {
  indicatorId: string;
  unitId: string;
  unitName: string;
  indicatorName: string;
  group: string;
  score: number | null;
}

/** GET /cycles/{id}/rating-rounds/{month}, as the API answers it. */
export interface RatingRound {
  status: 'open' | 'closed';
  closesAt: string;
  submittedAt: string | null;
  mine: MyRating[];
  indicators: Array<{
    indicatorId: string;
    unitId: string;
    value: number | null;
    failBelow: number | null;
    deemedFailed: boolean;
    groups: Array<{ group: string; rated: number; expected: number | null; notYet?: string[] }>;
  }>;
}

/** A panel member's personal link of a round (GET .../rating-rounds/{month}/links). */
export interface RatingLink {
  linkId: string;
  panel: string;
  member: string;
  revokedAt: string | null;
  submittedAt: string | null;
}

export const cycleKeys = {
  /** Every read of every year, the list included (a year imported). */
  all: ['cycles'] as const,
  list: () => ['cycles', 'list'] as const,
  /** Every read under one year. */
  of: (cycleId: string) => ['cycles', cycleId] as const,
  detail: (cycleId: string) => ['cycles', cycleId, 'detail'] as const,
  /** A unit with its workflow's state: its pledge and reports (and each report's evidence). */
  unit: (cycleId: string, unitId: string) => ['cycles', cycleId, 'units', unitId] as const,
  /** Every month of the year: their close stages, rankings, boards and bulletins. */
  months: (cycleId: string) => ['cycles', cycleId, 'months'] as const,
  status: (cycleId: string) => ['cycles', cycleId, 'months', 'status'] as const,
  month: (cycleId: string, month: number) => ['cycles', cycleId, 'months', month] as const,
  ranking: (cycleId: string, month: number, version: number | undefined) =>
    ['cycles', cycleId, 'months', month, 'ranking', version ?? 'latest'] as const,
  board: (cycleId: string, month: number) => ['cycles', cycleId, 'months', month, 'board'] as const,
  bulletinDraft: (cycleId: string, month: number) => ['cycles', cycleId, 'months', month, 'bulletin-draft'] as const,
  bulletins: (cycleId: string, month: number) => ['cycles', cycleId, 'months', month, 'bulletins'] as const,
  publicLink: (cycleId: string, month: number) => ['cycles', cycleId, 'months', month, 'public-link'] as const,
  ratingRound: (cycleId: string, month: string) => ['cycles', cycleId, 'rating-rounds', month] as const,
  ratingLinks: (cycleId: string, month: string) => ['cycles', cycleId, 'rating-rounds', month, 'links'] as const,
  /** The weekly dispatch (每周调度): its weeks, and each week's notes and digest. */
  weekly: (cycleId: string) => ['cycles', cycleId, 'weekly'] as const,
  weeklyNotes: (cycleId: string, week: number) => ['cycles', cycleId, 'weekly', week, 'notes'] as const,
  weeklyDigest: (cycleId: string, week: number) => ['cycles', cycleId, 'weekly', week, 'digest'] as const,
  annualResults: (cycleId: string) => ['cycles', cycleId, 'annual-results'] as const,
  year: (cycleId: string) => ['cycles', cycleId, 'year'] as const,
  /** The project map, whole or filtered (the query string as the page built it). */
  projects: (cycleId: string, query = '') => ['cycles', cycleId, 'projects', query] as const,
};

/** A board opened by its public link, signed out: the link's token is the key. */
export const publicBoardKeys = {
  of: (token: string) => ['public-board', token] as const,
};

const cyclePath = (cycleId: string) => `/cycles/${seg(cycleId)}`;
const monthPath = (cycleId: string, month: number) => `${cyclePath(cycleId)}/months/${month}`;

export const useCycles = () => useQuery(read<Cycle[]>(cycleKeys.list(), '/cycles'));

/** The year's units and categories change only by import: kept a minute. */
export const useCycleDetail = (cycleId: string | undefined) =>
  useQuery(
    read<CycleDetail>(cycleKeys.detail(cycleId ?? ''), cycleId ? cyclePath(cycleId) : null, { staleTime: 60_000 }),
  );

export const useUnit = (cycleId: string | undefined, unitId: string | undefined) =>
  useQuery(
    read<Unit>(
      cycleKeys.unit(cycleId ?? '', unitId ?? ''),
      cycleId && unitId ? `${cyclePath(cycleId)}/units/${seg(unitId)}` : null,
    ),
  );

/** The months' close stages move on by themselves (appeal windows end): read again every few seconds. */
export const useCycleStatus = (cycleId: string | undefined) =>
  useQuery(
    read<CycleStatus>(cycleKeys.status(cycleId ?? ''), cycleId ? `${cyclePath(cycleId)}/months` : null, {
      refetchInterval: 5_000,
    }),
  );

/** A month's ranking, its latest version unless one is asked for; waits while `ready` is false. */
export const useRanking = (cycleId: string | undefined, month: number, version: number | undefined, ready = true) =>
  useQuery(
    read<Ranking>(
      cycleKeys.ranking(cycleId ?? '', month, version),
      cycleId && ready ? `${monthPath(cycleId, month)}/ranking${version ? `?version=${version}` : ''}` : null,
    ),
  );

/** The board (挂图作战) of a month, read again every minute on a wall screen. */
export const useBoard = (cycleId: string | undefined, month: number) =>
  useQuery(
    read<Board>(cycleKeys.board(cycleId ?? '', month), cycleId ? `${monthPath(cycleId, month)}/board` : null, {
      refetchInterval: 60_000,
    }),
  );

export const useBulletinDraft = (cycleId: string, month: number) =>
  useQuery(read<BulletinDraft>(cycleKeys.bulletinDraft(cycleId, month), `${monthPath(cycleId, month)}/bulletin/draft`));

export const useBulletins = (cycleId: string, month: number) =>
  useQuery(read<BulletinVersion[]>(cycleKeys.bulletins(cycleId, month), `${monthPath(cycleId, month)}/bulletins`));

export const usePublicLinks = (cycleId: string, month: number) =>
  useQuery(read<BoardLinks>(cycleKeys.publicLink(cycleId, month), `${monthPath(cycleId, month)}/public-link`));

/** The district's settings: whether public board links may be made. */
export const settingKeys = {
  publicLinks: () => ['settings', 'public-board-links'] as const,
};

export const usePublicLinksSetting = () =>
  useQuery(read<PublicLinksSettingView>(settingKeys.publicLinks(), '/settings/public-board-links'));

export const useRatingRound = (cycleId: string | undefined, month: string | undefined) =>
  useQuery(
    read<RatingRound>(
      cycleKeys.ratingRound(cycleId ?? '', month ?? ''),
      cycleId && month ? `${cyclePath(cycleId)}/rating-rounds/${seg(month)}` : null,
    ),
  );

/** The round's personal links, for assessors (`enabled` false for everyone else). */
export const useRatingLinks = (cycleId: string | undefined, month: string | undefined, enabled: boolean) =>
  useQuery(
    read<{ links: RatingLink[] }>(
      cycleKeys.ratingLinks(cycleId ?? '', month ?? ''),
      enabled && cycleId && month ? `${cyclePath(cycleId)}/rating-rounds/${seg(month)}/links` : null,
    ),
  );

export const useWeeklyPlan = (cycleId: string | undefined) =>
  useQuery(
    read<WeeklyDispatchPlan>(cycleKeys.weekly(cycleId ?? ''), cycleId ? `${cyclePath(cycleId)}/projects/weekly` : null),
  );

export const useWeeklyNotes = (cycleId: string, week: number) =>
  useQuery(
    read<WeeklyNote[]>(cycleKeys.weeklyNotes(cycleId, week), `${cyclePath(cycleId)}/projects/weekly/${week}/notes`),
  );

export const useWeeklyDigest = (cycleId: string, week: number) =>
  useQuery(
    read<WeeklyDigest>(cycleKeys.weeklyDigest(cycleId, week), `${cyclePath(cycleId)}/projects/weekly/${week}/digest`),
  );

export const useAnnualResults = (cycleId: string | undefined) =>
  useQuery(
    read<AnnualResults>(
      cycleKeys.annualResults(cycleId ?? ''),
      cycleId ? `${cyclePath(cycleId)}/annual-results` : null,
    ),
  );

export const useYear = (cycleId: string | undefined) =>
  useQuery(read<Year>(cycleKeys.year(cycleId ?? ''), cycleId ? `${cyclePath(cycleId)}/year` : null));

export const useProjectMap = (cycleId: string | undefined, query = '') =>
  useQuery(
    read<ProjectMap>(
      cycleKeys.projects(cycleId ?? '', query),
      cycleId ? `${cyclePath(cycleId)}/projects/map${query ? `?${query}` : ''}` : null,
    ),
  );

export const usePublicBoard = (token: string | undefined) =>
  useQuery(
    read<PublicBoard>(publicBoardKeys.of(token ?? ''), token ? `/public/boards/${seg(token)}` : null, {
      refetchInterval: 60_000,
    }),
  );
