import { queryOptions, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api } from '../client';

/** How often a read is repeated or kept: the few pages that watch something move set these. */
export interface ReadOptions {
  refetchInterval?: number;
  staleTime?: number;
}

/**
 * One read of the API: its key (from a resource's key factory) and the path it is read from. The
 * answer's type is named once, here in `api/queries/`, never by the page that shows it. A null
 * path waits (the page does not know the cycle or the unit yet).
 */
export function read<T>(queryKey: QueryKey, path: string | null, options: ReadOptions = {}) {
  return queryOptions<T>({
    queryKey,
    queryFn: () => api.get<T>(path!),
    enabled: path !== null,
    ...options,
  });
}

/** The keys a step makes stale: each a prefix, so `cycleKeys.of(id)` covers every read under that cycle. */
export type Invalidates<Input, Output> = readonly QueryKey[] | ((input: Input, output: Output) => readonly QueryKey[]);

/**
 * A human step: sends it, and on success marks stale exactly the reads it changes (its
 * `invalidates`, from the resources' key factories) — a draft saved refreshes its unit, not the
 * accounts list. The error is shown beside the step by RefusalAlert, or beside its fields by
 * useRefusalBesideFields.
 */
export function useStep<Input, Output = unknown>(
  send: (input: Input) => Promise<Output>,
  invalidates: Invalidates<Input, Output>,
) {
  const queryClient = useQueryClient();
  return useMutation<Output, Error, Input>({
    mutationFn: send,
    onSuccess: (output, input) =>
      Promise.all(
        (typeof invalidates === 'function' ? invalidates(input, output) : invalidates).map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}
