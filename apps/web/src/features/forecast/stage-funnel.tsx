import type { PipelineHealthView } from '@hub/contracts';
import { formatCount, formatPercent } from '../../lib/format';
import { Panel } from '../../ui/page';
import { stageLabel } from './forecast-format';

const days = (value: number | null) => (value === null ? '—' : `${Math.round(value)} days`);

/**
 * Each stage of the deals closed in the lookback: how many entered it, the share that moved on, and
 * how long deals stayed. Bars are drawn to the first stage's count; every figure is also in words.
 */
export function StageFunnel({ health }: { health: PipelineHealthView }) {
  const velocity = new Map(health.velocity.map((v) => [v.stage, v]));
  const widest = Math.max(1, ...health.conversions.map((c) => c.entered));
  return (
    <Panel title="Stage funnel" className="stage-funnel">
      {health.conversions.length === 0 ? <p className="empty">No deal closed in the last {health.lookbackDays} days: no conversions to show yet.</p> : (
        <>
          <ol className="funnel plain">
            {health.conversions.map((c) => {
              const stay = velocity.get(c.from);
              return (
                <li key={c.from} data-stage={c.from} data-rate={c.rate ?? ''}>
                  <div className="funnel-head">
                    <strong>{stageLabel(c.from)}</strong>
                    <span>{formatCount(c.entered)} entered · <strong>{formatPercent(c.rate)}</strong> moved on to {stageLabel(c.to).toLowerCase()}</span>
                  </div>
                  <div className="funnel-bar" aria-hidden="true"><span style={{ width: `${(100 * c.entered) / widest}%` }} /></div>
                  {stay && (
                    <small className="muted">
                      Days in stage: average {days(stay.averageDays)}, median {days(stay.medianDays)}; usually no longer than {days(stay.typicalMaxDays)}.
                    </small>
                  )}
                </li>
              );
            })}
          </ol>
          <p className="muted">
            Deals closed in the last {health.lookbackDays} days: win rate {formatPercent(health.winRate)}, average cycle {days(health.averageCycleDays)}.
            {health.stalled.length > 0 && ` ${formatCount(health.stalled.length)} open deals have stalled; ${formatCount(health.aging.length)} have stayed longer than usual in their stage.`}
          </p>
        </>
      )}
    </Panel>
  );
}
