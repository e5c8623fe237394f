import { type FormEvent, useState } from 'react';
import { fetchWhoAmI, useSession } from '../../lib/session';
import { HubStatus } from './hub-status';

/** Sign in with an API key; it is checked with the hub before it is kept (for this tab only). */
export function SignInPage() {
  const { signIn } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const key = (event.currentTarget.elements.namedItem('key') as HTMLInputElement).value.trim();
    if (!key) return setError('Enter an API key (shk_…).');
    setBusy(true);
    setError(undefined);
    try {
      signIn(key, await fetchWhoAmI(key));
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="content">
      <h1>Syntroph Intelligence Hub</h1>
      <p>The AI companion of the Syntroph CRM, running on your own machines: no data leaves them.</p>
      <HubStatus />
      <form onSubmit={submit} aria-label="Sign in" className="stack">
        <label htmlFor="api-key">API key</label>
        <input id="api-key" name="key" type="password" autoComplete="off" placeholder="shk_…" aria-describedby="key-help" />
        <small id="key-help" className="muted">Kept for this browser tab only; ask an administrator for a key (hub keys create).</small>
        <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Sign in'}</button>
        {error && <p role="alert">Not signed in: {error}</p>}
      </form>
      <p>
        <a href="/api/docs">REST API reference</a>
      </p>
    </main>
  );
}
