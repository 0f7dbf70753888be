import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from '../api/client.ts';
import { MemoryStorage } from './memory-storage.ts';
import { beginSignIn, signOutUrl } from './oidc.ts';
import type { RuntimeConfig } from './runtime-config.ts';
import {
  clearSession,
  readSession,
  saveToken,
  type StoredSession,
  type TokenClaims,
} from './session.ts';

function tabStorage(): Storage {
  try {
    sessionStorage.setItem('weibao.probe', '1');
    sessionStorage.removeItem('weibao.probe');
    return sessionStorage;
  } catch {
    return new MemoryStorage();
  }
}

interface AuthValue {
  config: RuntimeConfig;
  storage: Storage;
  token: string | null;
  claims: TokenClaims | null;
  /** Set when the API refused the token (expired, revoked): the sign-in page says so. */
  expired: boolean;
  api: ApiClient;
  /** Keeps a token got from /local/token or the Cognito callback. */
  signedIn(token: string): void;
  /** Cognito mode: leaves for the managed login page. */
  startSignIn(returnTo: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ config, children }: { config: RuntimeConfig; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [storage] = useState(tabStorage);
  const [session, setSession] = useState<StoredSession | null>(() => readSession(storage));
  const [expired, setExpired] = useState(false);

  const forget = useCallback(() => {
    clearSession(storage);
    setSession(null);
    queryClient.clear();
  }, [storage, queryClient]);

  const api = useMemo(
    () =>
      createApiClient({
        baseUrl: config.apiBaseUrl,
        token: () => readSession(storage)?.token ?? null,
        onUnauthorized: () => {
          setExpired(true);
          forget();
        },
      }),
    [config.apiBaseUrl, storage, forget],
  );

  const signedIn = useCallback(
    (token: string) => {
      queryClient.clear();
      saveToken(storage, token);
      setExpired(false);
      setSession(readSession(storage));
    },
    [storage, queryClient],
  );

  const startSignIn = useCallback(
    async (returnTo: string) => {
      if (config.mode !== 'cognito') return;
      window.location.assign(await beginSignIn(config, { fetch, storage, returnTo }));
    },
    [config, storage],
  );

  const signOut = useCallback(async () => {
    setExpired(false);
    forget();
    if (config.mode === 'cognito') window.location.assign(await signOutUrl(config, fetch));
  }, [config, forget]);

  const value = useMemo<AuthValue>(
    () => ({
      config,
      storage,
      token: session?.token ?? null,
      claims: session?.claims ?? null,
      expired,
      api,
      signedIn,
      startSignIn,
      signOut,
    }),
    [config, storage, session, expired, api, signedIn, startSignIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

export function useApi(): ApiClient {
  return useAuth().api;
}
