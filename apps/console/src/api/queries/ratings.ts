/**
 * Reads of a year's rating rounds (评议): a round as the person sees it, and its personal links.
 * Keys under `cycleKeys.of(cycleId)` (cycles.ts).
 */
import { useQuery } from '@tanstack/react-query';
import { seg } from '../client';
import { cycleKeys, cyclePath } from './cycles';
import { read } from './read';

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
