import type { ForecastReportView } from '@hub/contracts';
import { formatDate, formatMoney, formatPercent } from '../../lib/format';
import { Panel } from '../../ui/page';
import { LazyBacktestChart } from './charts/lazy-charts';
import { coverageSentence, periodLabel } from './forecast-format';
import { ScrollTable } from './scroll-table';

const BASIS = {
  'open-pipeline': 'Actual: revenue won in the quarter from the deals open at its start (deals created later were not there to forecast).',
  'all-won': 'Actual: every deal won in the quarter, including deals created after the forecast was made.',
} as const;

/** How accurate the hub's forecasts have been: the forecast it would have made at past quarter starts, against what closed. */
export function BacktestPanel({ report }: { report: ForecastReportView }) {
  const backtest = report.backtest;
  const money = (amount: number) => formatMoney(amount, report.currency);
  return (
    <Panel title="How accurate past forecasts were" className="backtest-panel">
      {!backtest ? (
        <p className="empty" data-testid="backtest-unavailable">No backtest yet: {report.backtestUnavailable ?? 'there is not enough history to replay a past quarter'}.</p>
      ) : (
        <div data-testid="backtest" data-coverage={backtest.coverage ?? ''} data-mape={backtest.mape ?? ''}>
          <p className="backtest-headline">
            <strong data-testid="backtest-coverage">{coverageSentence(backtest.rows.filter((r) => r.withinInterval).length, backtest.rows.length)}</strong>
            {' '}({formatPercent(backtest.coverage)}; an honest P10–P90 range holds about 80%).
            {' '}Average error of the expected figure (MAPE): <strong data-testid="backtest-mape">{formatPercent(backtest.mape)}</strong>.
          </p>
          <LazyBacktestChart rows={backtest.rows} currency={report.currency} />
          <p className="muted">{BASIS[backtest.basis]} Each forecast was made at the quarter's start ({formatDate(backtest.rows[0]?.cutoff)} for the first), from the data as it stood then.</p>
          <ScrollTable label="Backtest per past quarter">
            <table className="backtest-table">
              <caption className="sr-only">Backtest per past quarter</caption>
              <thead>
                <tr>
                  <th scope="col">Quarter</th><th scope="col" className="num">P10 – P90</th>
                  <th scope="col" className="num">Expected</th><th scope="col" className="num">Actual</th><th scope="col">In range</th>
                </tr>
              </thead>
              <tbody>
                {backtest.rows.map((row) => (
                  <tr key={row.cutoff} data-within={row.withinInterval}>
                    <th scope="row">{periodLabel(row.period)}</th>
                    <td className="num">{money(row.p10)} – {money(row.p90)}</td>
                    <td className="num">{money(row.expected)}</td>
                    <td className="num" title={row.absPercentError === null ? undefined : `${formatPercent(row.absPercentError)} off the expected figure`}>{money(row.actual)}</td>
                    <td>{row.withinInterval ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          {backtest.skipped.length > 0 && (
            <p className="muted">Not replayed: {backtest.skipped.map((s) => `${formatDate(s.cutoff)} (${s.reason})`).join('; ')}.</p>
          )}
        </div>
      )}
    </Panel>
  );
}
