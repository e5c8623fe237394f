import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiScope, WhoAmI } from '@hub/contracts';
import { ApiError, apiFetch } from './http';

const STORAGE_KEY = 'hub.apiKey';
const ME = ['me'] as const;

export interface Session {
  apiKey: string;
  /** Who the key is; undefined while the hub is being asked (after a reload). */
  me: WhoAmI | undefined;
  meError: Error | null;
  retryMe(): void;
  /** Whether the key effectively holds a scope (from `GET /api/auth/me`). */
  can(scope: ApiScope): boolean;
  signIn(key: string, me: WhoAmI): void;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** Asks the hub who a key is: the sign-in check, and what shapes the navigation. */
export const fetchWhoAmI = (key: string) => apiFetch<WhoAmI>(key, '/api/auth/me');

/** The API key lives in sessionStorage: for this tab's session only, gone when it closes. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [apiKey, setApiKey] = useState(() => sessionStorage.getItem(STORAGE_KEY) ?? '');
  const me = useQuery({ queryKey: ME, queryFn: () => fetchWhoAmI(apiKey), enabled: apiKey !== '', staleTime: Infinity, retry: false });

  const signIn = useCallback((key: string, who: WhoAmI) => {
    sessionStorage.setItem(STORAGE_KEY, key);
    queryClient.setQueryData(ME, who);
    setApiKey(key);
  }, [queryClient]);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setApiKey('');
    queryClient.clear();
  }, [queryClient]);

  // A key revoked (or mistyped) since it was stored: back to the sign-in form.
  const rejected = me.error instanceof ApiError && me.error.status === 401;
  useEffect(() => {
    if (rejected) signOut();
  }, [rejected, signOut]);

  const value = useMemo<Session>(() => ({
    apiKey,
    me: me.data,
    meError: me.error,
    retryMe: () => void me.refetch(),
    can: (scope) => me.data?.effectiveScopes.includes(scope) ?? false,
    signIn,
    signOut,
  }), [apiKey, me, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
