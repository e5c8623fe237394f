import { Suspense, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { useRealtimeJobs } from '../lib/live-jobs';
import { useSession } from '../lib/session';
import { ErrorState } from '../ui/query-view';
import { Skeleton } from '../ui/skeleton';
import { ROUTES } from './routes';

/** The signed-in app: navigation for what the key may see, and the page. */
export function Shell() {
  const session = useSession();
  useRealtimeJobs(session.apiKey);
  useRouteDataPrefetch(session.apiKey);
  // Until the hub says who the key is, the page asked for starts loading (its chunk and data in
  // parallel with the question); the navigation waits for the answer. The API checks scopes anyway.
  const routes = session.me ? ROUTES.filter((route) => session.can(route.scope)) : ROUTES;

  return (
    <div className="shell">
      <a className="skip-link" href="#content">Skip to content</a>
      <header className="topbar">
        <span className="brand">Syntroph Hub</span>
        <nav aria-label="Main">
          <ul>
            {session.me && routes.map((route) => (
              <li key={route.path}>
                <NavLink to={route.path} end={route.path === '/'}>{route.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="row session">
          {session.me && <span className="muted" title={`Scopes: ${session.me.effectiveScopes.join(', ')}`}>{session.me.name}</span>}
          <button type="button" onClick={session.signOut}>Sign out</button>
        </div>
      </header>
      <main id="content">
        {session.meError && !session.me ? (
          <ErrorState what="who this key is" error={session.meError} retry={session.retryMe} />
        ) : (
          <Suspense fallback={<Skeleton lines={6} label="Loading the page" />}>
            <Routes>
              {routes.map((route) => (
                <Route key={route.path} path={route.path} element={<route.page />} />
              ))}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        )}
      </main>
    </div>
  );
}

function NotFound() {
  return (
    <div className="page">
      <h1>Not here</h1>
      <p>This page does not exist, or this key may not open it. <NavLink to="/">Back to the overview</NavLink></p>
    </div>
  );
}

/** The first page's data starts with the app, not after the page's chunk arrives. */
function useRouteDataPrefetch(apiKey: string): void {
  const client = useQueryClient();
  // Only the page arrived at: later navigations load their data as they render.
  const [arrival] = useState(useLocation().pathname);
  useEffect(() => {
    ROUTES.find((route) => route.path === arrival)?.prefetch?.(client, apiKey);
  }, [client, apiKey, arrival]);
}
