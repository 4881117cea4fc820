import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiRefusal } from '../api/client';
import type { Role, User } from '../api/types';
import { SignInForm } from './sign-in-form';
import { Modal, Spin } from 'antd';
import { useI18n } from '../i18n/i18n';

interface Session {
  user: User | null;
  /** The session is being resumed from the refresh cookie. */
  resuming: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  has(...roles: Role[]): boolean;
  /** Signed in with a temporary password: the person must choose their own before going on. */
  passwordChange: TemporarySignIn | null;
  changeTemporaryPassword(newPassword: string): Promise<void>;
  cancelPasswordChange(): void;
}

interface TemporarySignIn {
  username: string;
  temporaryPassword: string;
}

// Lazy: the password rules ship the 10,000 most common passwords, which the first page does without.
const PasswordChangeForm = lazy(async () => ({
  default: (await import('../pages/password-change-page')).PasswordChangeForm,
}));

/** Signs in; a temporary password's refusal (PASSWORD_CHANGE_REQUIRED) asks for a new one instead of failing. */
async function signInOrAskForNewPassword(
  username: string,
  password: string,
  askForNewPassword: (signIn: TemporarySignIn) => void,
): Promise<User | null> {
  try {
    return await api.signIn(username, password);
  } catch (error) {
    if (!(error instanceof ApiRefusal) || error.body.code !== 'PASSWORD_CHANGE_REQUIRED') throw error;
    askForNewPassword({ username, temporaryPassword: password });
    return null;
  }
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
  const [passwordChange, setPasswordChange] = useState<TemporarySignIn | null>(null);
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
    const signedIn = await signInOrAskForNewPassword(username, password, setPasswordChange);
    if (signedIn) setUser(signedIn);
  }, []);

  const cancelPasswordChange = useCallback(() => setPasswordChange(null), []);

  const signOut = useCallback(async () => {
    await api.signOut();
    queryClient.clear();
    setUser(null);
  }, [queryClient]);

  const has = useCallback((...roles: Role[]) => roles.some((role) => user?.roles.includes(role)), [user]);

  const resumeWork = (again: User) => {
    setUser(again);
    setPrompting(false);
    for (const resolve of waiting.current.splice(0)) resolve();
  };

  const signedInAgain = async (username: string, password: string) => {
    const again = await signInOrAskForNewPassword(username, password, setPasswordChange);
    if (again) resumeWork(again);
  };

  const changeTemporaryPassword = async (newPassword: string) => {
    if (!passwordChange) return;
    const signedIn = await api.changeTemporaryPassword(
      passwordChange.username,
      passwordChange.temporaryPassword,
      newPassword,
    );
    setPasswordChange(null);
    if (prompting) resumeWork(signedIn);
    else setUser(signedIn);
  };

  return (
    <SessionContext.Provider
      value={{
        user,
        resuming,
        signIn,
        signOut,
        has,
        passwordChange,
        changeTemporaryPassword,
        cancelPasswordChange,
      }}
    >
      {children}
      <Modal
        open={prompting}
        title={t('signInAgain')}
        footer={null}
        closable={false}
        maskClosable={false}
        destroyOnHidden
      >
        {passwordChange ? (
          <Suspense fallback={<Spin />}>
            <PasswordChangeForm />
          </Suspense>
        ) : (
          <SignInForm onSignIn={signedInAgain} username={user?.userId} />
        )}
      </Modal>
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
