/**
 * Renders one page of the console as the app does (language, queries, session, the chosen year,
 * the router) at an address, signed in as `user` through the session's own resume
 * (POST /auth/refresh, answered by the fake API).
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Role, User } from '../../src/api/types';
import { CycleProvider } from '../../src/components/cycle';
import { I18nProvider } from '../../src/i18n/i18n';
import { SessionProvider } from '../../src/session/session';
import type { FakeApi } from './fake-api';

export function signedInAs(api: FakeApi, userId: string, roles: Role[], unitId: string | null = null): User {
  const user: User = { userId, displayName: userId, roles, unitId };
  api.answer('POST /auth/refresh', { accessToken: `token-of-${userId}`, tokenType: 'Bearer', expiresIn: 900, user });
  return user;
}

export function renderPage(
  { route, at, language = 'zh' }: { route: string; at: string; language?: 'zh' | 'en' },
  page: ReactElement,
): RenderResult & { queryClient: QueryClient } {
  localStorage.setItem('jiebang.language', language);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 2_000 } } });
  const rendered = render(
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[at]}>
          <SessionProvider>
            <CycleProvider>
              <Routes>
                <Route path={route} element={page} />
              </Routes>
            </CycleProvider>
          </SessionProvider>
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { ...rendered, queryClient };
}
