// The signed-in user (or null), loaded once and shared through context, plus the guard that
// sends anonymous visitors of seller pages to the sign-in page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import { fetchSessionUser, logout } from '../api/accounts';
import type { SessionUser } from '../api/accounts';

export type { SessionUser } from '../api/accounts';

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  /** Loads the session again (after login, logout or setup). */
  refresh: () => Promise<void>;
  /** Signs out of this browser and forgets the user. */
  signOut: () => Promise<void>;
}

function loadSessionUser(): Promise<SessionUser | null> {
  // A failed lookup (server down) reads as "not signed in"; pages show their own errors.
  return fetchSessionUser().catch(() => null);
}

const SessionContext = createContext<SessionState | null>(null);

/** Provides the session to the tree below. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    setUser(await loadSessionUser());
    setLoading(false);
  }, []);
  const signOut = useCallback(async () => {
    await logout();
    setUser(null);
  }, []);
  useEffect(() => {
    let live = true;
    void loadSessionUser().then((loaded) => {
      if (!live) return;
      setUser(loaded);
      setLoading(false);
    });
    return () => {
      live = false;
    };
  }, []);
  const value = useMemo(
    () => ({ user, loading, refresh, signOut }),
    [user, loading, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; must be used below SessionProvider. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/**
 * The signed-in user for pages that need one; sends anonymous visitors to the sign-in page.
 * Returns null while the session loads or the redirect happens.
 */
export function useRequiredUser(): SessionUser | null {
  const { user, loading } = useSession();
  const [, navigate] = useLocation();
  useEffect(() => {
    if (!loading && !user) navigate('/login', { replace: true });
  }, [loading, user, navigate]);
  return user;
}
