import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from './client';
import type { Cycle, CycleStatus, MyTasks, Unit } from './types';

/** Reads a resource of the API; the key is its path. */
export function useApi<T>(path: string | null, options: { refetchInterval?: number; staleTime?: number } = {}) {
  return useQuery<T>({
    queryKey: [path],
    queryFn: () => api.get<T>(path!),
    enabled: path !== null,
    refetchInterval: options.refetchInterval,
    staleTime: options.staleTime,
  });
}

/**
 * A human step: sends it, and on success refreshes everything the page shows (a step changes
 * tasks, reports, rankings at once). Its error is shown beside the step by RefusalAlert.
 */
export function useStep<Input, Output = unknown>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation<Output, Error, Input>({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export const useCycles = () => useApi<Cycle[]>('/cycles');
export const useMyTasks = (query = '') => useApi<MyTasks>(`/tasks${query}`, { refetchInterval: 15_000 });
export const useUnit = (cycleId: string | undefined, unitId: string | undefined) =>
  useApi<Unit>(cycleId && unitId ? `/cycles/${seg(cycleId)}/units/${seg(unitId)}` : null);
/** The months' close stages move on by themselves (appeal windows end): read again every few seconds. */
export const useCycleStatus = (cycleId: string | undefined) =>
  useApi<CycleStatus>(cycleId ? `/cycles/${seg(cycleId)}/months` : null, { refetchInterval: 5_000 });
