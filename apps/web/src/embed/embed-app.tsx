import { useEffect, useState } from 'react';
import type { EmbedContext, RecordRef } from '@hub/contracts';
import { ChatBox } from './chat-box';
import { EmbedApiError, fetchContext } from './embed-api';
import { listenForTokens, MESSAGE_EXPIRED, MESSAGE_READY, tellParent } from './embed-session';
import { RecordCard } from './record-card';
import { ScoreCard } from './score-card';

type View =
  | { kind: 'waiting' }
  | { kind: 'loading' }
  | { kind: 'ready'; context: EmbedContext }
  | { kind: 'expired'; message: string }
  | { kind: 'failed'; message: string };

/** The panel: waits for a token (fragment or postMessage), loads the record, then shows it and the chat. */
export function EmbedApp({ record, initialToken }: { record: RecordRef | null; initialToken: string | null }) {
  const [token, setToken] = useState(initialToken);
  const [view, setView] = useState<View>({ kind: initialToken ? 'loading' : 'waiting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const stop = listenForTokens((fresh) => setToken(fresh));
    tellParent(MESSAGE_READY, record);
    return stop;
  }, [record]);

  useEffect(() => {
    if (!record || !token) return;
    const abort = new AbortController();
    setView({ kind: 'loading' });
    fetchContext(record, token, abort.signal)
      .then((context) => setView({ kind: 'ready', context }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof EmbedApiError && error.expired) {
          setView({ kind: 'expired', message: error.message });
          tellParent(MESSAGE_EXPIRED, record);
        } else setView({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => abort.abort();
  }, [record, token, attempt]);

  function expire(message: string) {
    setView({ kind: 'expired', message });
    tellParent(MESSAGE_EXPIRED, record);
  }

  if (!record) {
    return <main className="embed"><p role="alert">This panel needs a record: add ?contact_id=, ?deal_id= or ?company_id= to its address.</p></main>;
  }
  return (
    <main className="embed" aria-busy={view.kind === 'loading'}>
      {view.kind === 'waiting' && <p className="muted">Waiting for the CRM to sign this panel in…</p>}
      {view.kind === 'loading' && (
        <div aria-label="Loading the record" className="skeletons">
          <div className="skeleton tall" /><div className="skeleton" /><div className="skeleton" />
        </div>
      )}
      {view.kind === 'expired' && (
        <section className="card notice" role="alert" data-testid="session-expired">
          <h1>Session expired</h1>
          <p>This panel&apos;s access has ended. Reload the CRM page to open it again.</p>
          <p className="muted">{view.message}</p>
        </section>
      )}
      {view.kind === 'failed' && (
        <section className="card notice" role="alert">
          <h1>Could not load this record</h1>
          <p>{view.message}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>Retry</button>
        </section>
      )}
      {view.kind === 'ready' && token && (
        <>
          <RecordCard context={view.context} />
          <ScoreCard context={view.context} />
          <ChatBox record={record} token={token} onExpired={expire} />
        </>
      )}
    </main>
  );
}
