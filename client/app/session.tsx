// The signed-in user (or null), loaded once and shared through context.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api } from '../api/http';

/** The signed-in user as the client knows them. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: 'owner' | 'seller';
}

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  /** Loads the session again (after login, logout or setup). */
  refresh(): Promise<void>;
}

function loadSessionUser(): Promise<SessionUser | null> {
  return api<{ user: SessionUser | null }>('/api/session').then(
    (body) => body.user,
    () => null,
  );
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
  const value = useMemo(() => ({ user, loading, refresh }), [user, loading, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; must be used below SessionProvider. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
