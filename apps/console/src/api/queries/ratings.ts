/**
 * Reads of a year's rating rounds (评议): a round as the person sees it, and its personal links.
 * Keys under `cycleKeys.of(cycleId)` (cycles.ts).
 */
import { useQuery } from '@tanstack/react-query';
import type {
  LinkRoundView,
  MyRatingView,
  RatingLinksView,
  RatingLinkView,
  RatingRoundView,
} from '@jiebang/contracts/http/ratings';
import { seg } from '../client';
import { cycleKeys, cyclePath } from './cycles';
import { read } from './read';

/** One unit the person rates, as the API answers it (their own score only). */
export type MyRating = MyRatingView;
/** GET /cycles/{id}/rating-rounds/{month}, as the API answers it. */
export type RatingRound = RatingRoundView;
/** A panel member's personal link of a round (GET .../rating-rounds/{month}/links). */
export type RatingLink = RatingLinkView;
/** A panel member's round through their personal link, signed out. */
export type LinkRound = LinkRoundView;

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
    read<RatingLinksView>(
      cycleKeys.ratingLinks(cycleId ?? '', month ?? ''),
      enabled && cycleId && month ? `${cyclePath(cycleId)}/rating-rounds/${seg(month)}/links` : null,
    ),
  );
