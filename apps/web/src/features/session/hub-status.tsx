import { useQuery } from '@tanstack/react-query';
import type { HealthReport } from '@hub/contracts';
import { ErrorState } from '../../ui/query-view';

/** Whether the hub and what it needs are up; health answers without a key. */
export function HubStatus() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: async () => (await (await fetch('/health')).json()) as HealthReport,
  });
  if (health.isPending) return <p className="status" role="status">Checking the hub…</p>;
  if (health.isError) return <ErrorState what="the hub's health" error={health.error} retry={() => void health.refetch()} />;
  const report = health.data;
  return (
    <p className="status" role="status">
      Hub {report.version} is <strong>{report.status === 'ok' ? 'healthy' : 'degraded'}</strong>; database{' '}
      {report.database.kind === 'embedded' ? 'embedded PostgreSQL' : 'PostgreSQL'} is {report.database.status}; job queue (Redis) is{' '}
      {report.redis.status}; {report.workers.count} worker{report.workers.count === 1 ? '' : 's'} connected.
    </p>
  );
}
