/**
 * Reads of the work people do across years: my tasks, cases (约谈、问责) and supervision items
 * (督办), and a report's evidence files.
 */
import { useQuery } from '@tanstack/react-query';
import { seg } from '../client';
import type { Case, CaseDetail, EvidenceFile, MyTasks, SupervisionItem, SupervisionItemDetail } from '../types';
import { read } from './read';

export const taskKeys = {
  all: ['tasks'] as const,
  /** My tasks, filtered (the query string as the page built it). */
  mine: (query: string) => ['tasks', query] as const,
};

export const caseKeys = {
  all: ['cases'] as const,
  lists: () => ['cases', 'list'] as const,
  list: (query: string) => ['cases', 'list', query] as const,
  detail: (caseId: string) => ['cases', 'detail', caseId] as const,
};

export const supervisionKeys = {
  all: ['supervision-items'] as const,
  lists: () => ['supervision-items', 'list'] as const,
  list: (query: string) => ['supervision-items', 'list', query] as const,
  detail: (itemId: string) => ['supervision-items', 'detail', itemId] as const,
};

/** A report's evidence, by the report's path (`/cycles/{id}/units/{unitId}/reports/{month}`). */
export const evidenceKeys = {
  of: (reportPath: string) => ['evidence', reportPath] as const,
};

/** My tasks move when others act (a report submitted reaches the head): read again every 15 s. */
export const useMyTasks = (query = '') =>
  useQuery(read<MyTasks>(taskKeys.mine(query), `/tasks${query}`, { refetchInterval: 15_000 }));

/** Cases of a year or a unit; `query` is `cycleId=…[&unitId=…&status=…]`, null while unknown. */
export const useCases = (query: string | null) =>
  useQuery(read<Case[]>(caseKeys.list(query ?? ''), query === null ? null : `/cases?${query}`));

export const useCase = (caseId: string | undefined) =>
  useQuery(read<CaseDetail>(caseKeys.detail(caseId ?? ''), caseId ? `/cases/${seg(caseId)}` : null));

export const useSupervisionItems = (query: string | null) =>
  useQuery(
    read<SupervisionItem[]>(supervisionKeys.list(query ?? ''), query === null ? null : `/supervision-items?${query}`),
  );

export const useSupervisionItem = (itemId: string | undefined) =>
  useQuery(
    read<SupervisionItemDetail>(
      supervisionKeys.detail(itemId ?? ''),
      itemId ? `/supervision-items/${seg(itemId)}` : null,
    ),
  );

export const useEvidence = (reportPath: string) =>
  useQuery(read<EvidenceFile[]>(evidenceKeys.of(reportPath), reportPath ? `${reportPath}/evidence` : null));
