import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Role, User } from '../api/types';
import { SignInForm } from './sign-in-form';
import { Modal } from 'antd';
import { useI18n } from '../i18n/i18n';

interface Session {
  user: User | null;
  /** The session is being resumed from the refresh cookie. */
  resuming: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  has(...roles: Role[]): boolean;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Who is signed in. On load the session resumes from the refresh cookie; when it expires while
 * someone works, a sign-in dialog opens over the page (nothing underneath is unmounted, so a
 * report being typed survives) and the refused call is repeated after signing in.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [user, setUser] = useState<User | null>(null);
  const [resuming, setResuming] = useState(true);
  const [prompting, setPrompting] = useState(false);
  const waiting = useRef<Array<() => void>>([]);

  useEffect(() => {
    void api.resume().then((resumed) => {
      setUser(resumed);
      setResuming(false);
    });
    api.onSignInNeeded(
      () =>
        new Promise<void>((resolve) => {
          waiting.current.push(resolve);
          setPrompting(true);
        }),
    );
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    setUser(await api.signIn(username, password));
  }, []);

  const signOut = useCallback(async () => {
    await api.signOut();
    queryClient.clear();
    setUser(null);
  }, [queryClient]);

  const has = useCallback((...roles: Role[]) => roles.some((role) => user?.roles.includes(role)), [user]);

  const signedInAgain = async (username: string, password: string) => {
    const again = await api.signIn(username, password);
    setUser(again);
    setPrompting(false);
    for (const resolve of waiting.current.splice(0)) resolve();
  };

  return (
    <SessionContext.Provider value={{ user, resuming, signIn, signOut, has }}>
      {children}
      <Modal
        open={prompting}
        title={t('signInAgain')}
        footer={null}
        closable={false}
        maskClosable={false}
        destroyOnHidden
      >
        <SignInForm onSignIn={signedInAgain} username={user?.userId} />
      </Modal>
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
