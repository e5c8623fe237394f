import { useState } from 'react';
import type { ForecastReportView } from '@hub/contracts';
import { formatCount } from '../../lib/format';
import { Panel } from '../../ui/page';
import { LazyFanChart } from './charts/lazy-charts';

type Grain = 'quarters' | 'months';

/** The fan chart, by quarter or by month. */
export function ForecastPanel({ report }: { report: ForecastReportView }) {
  const [grain, setGrain] = useState<Grain>('quarters');
  return (
    <Panel title="Revenue forecast" className="forecast-panel">
      <div className="row" role="group" aria-label="Forecast periods">
        {(['quarters', 'months'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={grain === option} onClick={() => setGrain(option)}>
            By {option === 'quarters' ? 'quarter' : 'month'}
          </button>
        ))}
      </div>
      <LazyFanChart periods={report[grain]} currency={report.currency} />
      <p className="muted">
        Expected revenue is what is booked plus the probability-weighted open deals and recurring revenue; P10–P90 is the
        range {formatCount(report.simulations)} simulated outcomes fall in eight times out of ten.
      </p>
      {report.warnings.length > 0 && (
        <ul className="muted" aria-label="Warnings">{report.warnings.map((warning) => <li key={warning}>{warning}</li>)}</ul>
      )}
    </Panel>
  );
}
