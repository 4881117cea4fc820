/**
 * Reads about people: accounts (ADMIN), one's own account, how one may sign in, messages and
 * their preferences, the bell's unread count, and escalations addressed to one's role.
 */
import { useQuery } from '@tanstack/react-query';
import type { EscalationTask, MessagePage, MessagePreferences } from '@jiebang/contracts/delivery';
import type { AccountList, AccountView, SignInMethods } from '../types';
import { read } from './read';

export const accountKeys = {
  all: ['accounts'] as const,
  lists: () => ['accounts', 'list'] as const,
  /** The list, filtered (the query string as the page built it). */
  list: (query: string) => ['accounts', 'list', query] as const,
  /** The signed-in person's own account (GET /me). */
  me: () => ['accounts', 'me'] as const,
};

export const authKeys = {
  methods: () => ['auth', 'methods'] as const,
};

export const messageKeys = {
  all: ['messages'] as const,
  page: (unreadOnly: boolean) => ['messages', 'page', unreadOnly] as const,
  unread: () => ['messages', 'unread-count'] as const,
  preferences: () => ['messages', 'preferences'] as const,
};

export const escalationKeys = {
  all: ['escalations'] as const,
};

export const useAccounts = (query: string) =>
  useQuery(read<AccountList>(accountKeys.list(query), `/accounts${query ? `?${query}` : ''}`));

export const useMe = () => useQuery(read<AccountView>(accountKeys.me(), '/me'));

export const useSignInMethods = () => useQuery(read<SignInMethods>(authKeys.methods(), '/auth/methods'));

export const useMessages = (unreadOnly: boolean) =>
  useQuery(
    read<MessagePage>(messageKeys.page(unreadOnly), `/messages?unread=${unreadOnly}`, { refetchInterval: 30_000 }),
  );

export const useUnreadCount = (refetchInterval: number) =>
  useQuery(read<{ unread: number }>(messageKeys.unread(), '/messages/unread-count', { refetchInterval }));

export const useMessagePreferences = () =>
  useQuery(read<MessagePreferences>(messageKeys.preferences(), '/messages/preferences'));

export const useEscalations = () =>
  useQuery(read<EscalationTask[]>(escalationKeys.all, '/escalations', { refetchInterval: 15_000 }));
