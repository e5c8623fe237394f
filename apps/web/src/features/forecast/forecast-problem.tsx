import type { ReactNode } from 'react';
import { ApiError } from '../../lib/http';
import { ErrorState } from '../../ui/query-view';

/** The hub has never computed a forecast (404 `no-forecast-run`): an honest state, not an error. */
export function isNoForecastRun(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && String(error.problem?.type ?? '').endsWith('/no-forecast-run');
}

/**
 * Refusals that explain themselves (no run, not enough history, a closed or unknown deal): their
 * detail text is the message, shown as it is. Anything else is an error with a retry.
 */
export function ProblemState({ what, error, retry, children }: { what: string; error: Error; retry?: () => void; children?: ReactNode }) {
  if (error instanceof ApiError && [404, 409, 422].includes(error.status) && error.problem?.detail) {
    return (
      <div className="empty" role="status" data-testid="forecast-problem" data-status={error.status}>
        <p>{error.problem.detail}</p>
        {children}
      </div>
    );
  }
  return <ErrorState what={what} error={error} retry={retry} />;
}
