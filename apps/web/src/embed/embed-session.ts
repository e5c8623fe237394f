import type { RecordRef } from '@hub/contracts';

/** Messages between the CRM page (the snippet) and the panel, by `type`. */
export const MESSAGE_TOKEN = 'syntroph-hub:token';
export const MESSAGE_READY = 'syntroph-hub:ready';
export const MESSAGE_EXPIRED = 'syntroph-hub:expired';

const RECORD_PARAMETERS = [['contact_id', 'contact'], ['deal_id', 'deal'], ['company_id', 'company']] as const;

/** The record the panel sits on, from `?contact_id=` (or deal_id, company_id); null when none is valid. */
export function recordFromLocation(search: string): RecordRef | null {
  const params = new URLSearchParams(search);
  for (const [name, type] of RECORD_PARAMETERS) {
    const raw = params.get(name);
    if (raw !== null) return /^[1-9][0-9]{0,15}$/.test(raw) ? { type, id: Number(raw) } : null;
  }
  return null;
}

/**
 * The token from the fragment (`#token=…`), which browsers never send to a server. It is wiped from
 * the address at once, so it stays out of the frame's history and of anything that reads the URL.
 */
export function takeTokenFromFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

/** Calls `onToken` with each token the embedding page posts (the first one, or a fresh one after expiry). */
export function listenForTokens(onToken: (token: string) => void): () => void {
  const listener = (event: MessageEvent) => {
    if (event.source !== window.parent) return;
    const data = event.data as { type?: unknown; token?: unknown } | null;
    if (data?.type === MESSAGE_TOKEN && typeof data.token === 'string' && data.token.length > 0) onToken(data.token);
  };
  window.addEventListener('message', listener);
  return () => window.removeEventListener('message', listener);
}

/** Tells the embedding page something (no secret ever travels this way, so any origin may hear it). */
export function tellParent(type: typeof MESSAGE_READY | typeof MESSAGE_EXPIRED, record: RecordRef | null): void {
  if (window.parent !== window) window.parent.postMessage({ type, record }, '*');
}
