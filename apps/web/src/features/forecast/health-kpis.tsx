import type { PipelineHealthView } from '@hub/contracts';
import { KpiCard } from '../../ui/kpi-card';
import { formatChange, formatMetric, HEADLINE_METRICS } from './forecast-format';

/** The pipeline's headline figures, each against the same figure 90 days earlier. */
export function HealthKpis({ health }: { health: PipelineHealthView }) {
  const trends = new Map(health.trend.map((t) => [t.metric, t]));
  return (
    <div className="kpi-grid" data-testid="health-kpis">
      {HEADLINE_METRICS.filter((m) => m.metric in health.headline).map(({ metric, label, unit, higherIsBetter }) => {
        const trend = trends.get(metric);
        const change = trend?.change ?? null;
        const direction = change === null || change === 0 ? 'flat' : (change > 0) === higherIsBetter ? 'better' : 'worse';
        return (
          <KpiCard key={metric} testId={`health-${metric}`} label={label}
            value={<span data-value={health.headline[metric] ?? ''}>{formatMetric(health.headline[metric] ?? null, unit, health.currency)}</span>}
            note={trend?.previous === null || trend?.previous === undefined ? '90 days earlier: not known' : (
              <span className={`trend trend-${direction}`}>
                {change === null ? '' : `${formatChange(change, unit, health.currency)} `}against 90 days earlier ({formatMetric(trend.previous, unit, health.currency)})
              </span>
            )} />
        );
      })}
    </div>
  );
}
