/** Reads of the administrator's pages: workflows, the audit trail, channels and deliveries. */
import { useQuery } from '@tanstack/react-query';
import type { ChannelView, DeliveryView, UnreachedNotice } from '@jiebang/contracts/delivery';
import { seg } from '../client';
import type { AuditEntries, WorkflowDetail, WorkflowList } from '../types';
import { read } from './read';

export const workflowKeys = {
  all: ['workflows'] as const,
  list: (query: string) => ['workflows', 'list', query] as const,
  detail: (workflowId: string) => ['workflows', 'detail', workflowId] as const,
};

export const auditKeys = {
  all: ['audit'] as const,
  page: (query: string) => ['audit', 'page', query] as const,
};

export const channelKeys = {
  all: ['channels'] as const,
  list: () => ['channels', 'list'] as const,
  detail: (channelId: string) => ['channels', 'detail', channelId] as const,
};

export const deliveryKeys = {
  all: ['deliveries'] as const,
  list: (status: string) => ['deliveries', 'list', status] as const,
  unreached: () => ['deliveries', 'unreached'] as const,
};

export const useWorkflows = (query: string | null) =>
  useQuery(read<WorkflowList>(workflowKeys.list(query ?? ''), query === null ? null : `/admin/workflows?${query}`));

export const useWorkflow = (workflowId: string | undefined) =>
  useQuery(
    read<WorkflowDetail>(
      workflowKeys.detail(workflowId ?? ''),
      workflowId ? `/admin/workflows/${seg(workflowId)}` : null,
    ),
  );

export const useAuditPage = (query: string) => useQuery(read<AuditEntries>(auditKeys.page(query), `/audit?${query}`));

export const useChannels = () => useQuery(read<ChannelView[]>(channelKeys.list(), '/admin/channels'));

export const useChannel = (channelId: string | undefined) =>
  useQuery(
    read<ChannelView>(channelKeys.detail(channelId ?? ''), channelId ? `/admin/channels/${seg(channelId)}` : null),
  );

/** Deliveries by status ('all' for every one), read again every 5 s while a resend is under way. */
export const useDeliveries = (status: string) =>
  useQuery(
    read<DeliveryView[]>(deliveryKeys.list(status), `/admin/deliveries${status === 'all' ? '' : `?status=${status}`}`, {
      refetchInterval: 5_000,
    }),
  );

export const useUnreached = () =>
  useQuery(
    read<UnreachedNotice[]>(deliveryKeys.unreached(), '/admin/notifications/unreached', { refetchInterval: 30_000 }),
  );
