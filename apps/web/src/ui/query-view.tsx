import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Skeleton } from './skeleton';

interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  /** What is loading, for the skeleton's label and the error message: "leads", "the audit log". */
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  skeletonLines?: number;
  children: (data: T) => ReactNode;
}

/** The three states every server-fed panel has: loading (skeleton), failed (with retry), empty. */
export function QueryView<T>({ query, what, isEmpty, empty, skeletonLines, children }: QueryViewProps<T>) {
  if (query.isPending) return <Skeleton lines={skeletonLines} label={`Loading ${what}`} />;
  if (query.isError) return <ErrorState what={what} error={query.error} retry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <div className="empty">{empty ?? <p>Nothing here yet.</p>}</div>;
  return <>{children(query.data)}</>;
}

export function ErrorState({ what, error, retry }: { what: string; error: Error; retry?: () => void }) {
  return (
    <div className="error-state" role="alert">
      <p>Could not load {what}: {error.message}</p>
      {retry && <button type="button" onClick={retry}>Retry</button>}
    </div>
  );
}
