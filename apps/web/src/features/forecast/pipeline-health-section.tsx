import { Panel } from '../../ui/page';
import { Skeleton } from '../../ui/skeleton';
import { usePipelineHealth } from './api/get-pipeline-health';
import { ProblemState } from './forecast-problem';
import { HealthKpis } from './health-kpis';
import { StageFunnel } from './stage-funnel';

/** Pipeline health: the headline figures with their 90-day trend, and the stage funnel. */
export function PipelineHealthSection() {
  const health = usePipelineHealth();
  if (health.isPending) return <Panel title="Pipeline health"><Skeleton lines={5} label="Loading pipeline health" /></Panel>;
  if (health.isError) return <Panel title="Pipeline health"><ProblemState what="pipeline health" error={health.error} retry={() => void health.refetch()} /></Panel>;
  return (
    <section aria-label="Pipeline health" className="pipeline-health">
      <h2>Pipeline health</h2>
      <HealthKpis health={health.data} />
      <StageFunnel health={health.data} />
    </section>
  );
}
