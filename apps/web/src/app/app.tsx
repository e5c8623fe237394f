import { useEffect, useState } from 'react';
import type { HealthReport } from '@hub/contracts';
import { JobsPanel } from '../features/jobs/jobs-panel';
import { useApiKey } from '../features/session/api-key';

const CAPABILITIES = [
  ['Lead scoring', 'Scores, conversion probability, confidence and the reasons behind each score.'],
  ['Email intelligence', 'Sentiment, category, priority and reply suggestions.'],
  ['Meeting intelligence', 'Summaries, action items with owners and dates, follow-ups.'],
  ['Sales forecasting', 'Deal win probability, revenue forecast with intervals, pipeline health.'],
  ['Customer insights', 'Churn risk, upsell and cross-sell, segments.'],
  ['Ask the CRM', 'Questions in plain language, answered with tables and charts.'],
] as const;

/** The hub's front page until the dashboard lands: what the hub is, and whether it is healthy. */
export function App() {
  const [health, setHealth] = useState<HealthReport | { error: string } | undefined>();
  const [apiKey, setApiKey] = useApiKey();

  useEffect(() => {
    fetch('/health')
      .then(async (response) => setHealth((await response.json()) as HealthReport))
      .catch((error: Error) => setHealth({ error: error.message }));
  }, []);

  return (
    <main>
      <header>
        <h1>Syntroph Intelligence Hub</h1>
        <p>The AI companion of the Syntroph CRM, running on your own machines: no data leaves them.</p>
      </header>
      <section aria-label="Status" className="status">
        {health === undefined && <p>Checking the hub…</p>}
        {health && 'error' in health && <p role="alert">The hub does not answer: {health.error}</p>}
        {health && 'status' in health && (
          <p>
            Hub {health.version} is <strong>{health.status === 'ok' ? 'healthy' : 'degraded'}</strong>; database{' '}
            {health.database.kind === 'embedded' ? 'embedded PostgreSQL' : 'PostgreSQL'} is {health.database.status}; job queue
            (Redis) is {health.redis.status}; {health.workers.count} worker{health.workers.count === 1 ? '' : 's'} connected.
          </p>
        )}
        <p>
          <a href="/api/docs">REST API reference</a>
        </p>
      </section>
      <section aria-label="Sign in">
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            setApiKey((event.currentTarget.elements.namedItem('key') as HTMLInputElement).value.trim());
          }}
        >
          <label>
            API key <input name="key" type="password" autoComplete="off" defaultValue={apiKey} placeholder="shk_…" />
          </label>
          <button type="submit">{apiKey ? 'Change key' : 'Sign in'}</button>
          {apiKey && (
            <button type="button" onClick={() => setApiKey('')}>
              Sign out
            </button>
          )}
        </form>
      </section>
      {apiKey && <JobsPanel apiKey={apiKey} />}
      <section aria-label="Capabilities">
        <h2>What it will do</h2>
        <p>The dashboard fills in as each capability lands; nothing here is invented.</p>
        <ul className="capabilities">
          {CAPABILITIES.map(([name, text]) => (
            <li key={name}>
              <h3>{name}</h3>
              <p>{text}</p>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
