import { useCallback, useState } from 'react';

const STORAGE_KEY = 'hub.apiKey';

/** The API key for this browser session only (sessionStorage): gone when the tab closes. */
export function useApiKey(): [string, (key: string) => void] {
  const [key, setKey] = useState(() => sessionStorage.getItem(STORAGE_KEY) ?? '');
  const save = useCallback((next: string) => {
    if (next) sessionStorage.setItem(STORAGE_KEY, next);
    else sessionStorage.removeItem(STORAGE_KEY);
    setKey(next);
  }, []);
  return [key, save];
}

export function authHeaders(key: string): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}
