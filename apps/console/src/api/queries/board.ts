/**
 * Reads of a month's board (挂图作战) and bulletin (通报): the board, the bulletin's draft and
 * versions, the month's public links, the year page, and a board opened by its public link signed
 * out. Keys under `cycleKeys.months(cycleId)` (cycles.ts), except the public board's own.
 */
import { useQuery } from '@tanstack/react-query';
import type { BoardLinksView, BoardView, PublicBoardView, YearView } from '@jiebang/contracts/http/board';
import type { BulletinDraftView, BulletinVersionView } from '@jiebang/contracts/http/bulletin';
import { seg } from '../client';
import type { Json } from '../types';
import { cycleKeys, cyclePath, monthPath } from './cycles';
import { read } from './read';

export type Board = Json<BoardView>;
export type BoardLinks = BoardLinksView;
export type BulletinDraft = BulletinDraftView;
export type BulletinVersion = BulletinVersionView;
export type Year = Json<YearView>;
export type PublicBoard = Json<PublicBoardView>;

/** A board opened by its public link, signed out: the link's token is the key. */
export const publicBoardKeys = {
  of: (token: string) => ['public-board', token] as const,
};

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

export const useYear = (cycleId: string | undefined) =>
  useQuery(read<Year>(cycleKeys.year(cycleId ?? ''), cycleId ? `${cyclePath(cycleId)}/year` : null));

export const usePublicBoard = (token: string | undefined) =>
  useQuery(
    read<PublicBoard>(publicBoardKeys.of(token ?? ''), token ? `/public/boards/${seg(token)}` : null, {
      refetchInterval: 60_000,
    }),
  );
