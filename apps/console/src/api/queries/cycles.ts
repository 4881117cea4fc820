/**
 * Reads of an assessment year: the years, a year's units (with their reports), its months' close
 * stages and rankings, and the year's results; and the key factory of everything under a year.
 * Every key starts with `['cycles', cycleId]`, so a step that changes the year as a whole (a month
 * closed) marks all of it stale with `cycleKeys.of(cycleId)`, and a step on one unit's report only
 * `cycleKeys.unit(cycleId, unitId)`. The rest of a year's reads use these keys from files of their
 * own: board.ts (the board, bulletins, public links, the year page), ratings.ts (rating rounds),
 * projects.ts (the project map, the weekly dispatch); settings.ts holds the district's settings.
 */
import { useQuery } from '@tanstack/react-query';
import { seg } from '../client';
import type { AnnualResults, Cycle, CycleDetail, CycleStatus, Ranking, Unit } from '../types';
import { read } from './read';

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

/** The API's paths of a year and of one of its months (used by every file of the year's reads). */
export const cyclePath = (cycleId: string) => `/cycles/${seg(cycleId)}`;
export const monthPath = (cycleId: string, month: number) => `${cyclePath(cycleId)}/months/${month}`;

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

export const useAnnualResults = (cycleId: string | undefined) =>
  useQuery(
    read<AnnualResults>(
      cycleKeys.annualResults(cycleId ?? ''),
      cycleId ? `${cyclePath(cycleId)}/annual-results` : null,
    ),
  );
