import type { ForecastReportView } from '@hub/contracts';
import { formatCount, formatMoney } from '../../lib/format';
import { Panel } from '../../ui/page';
import { periodLabel } from './forecast-format';
import { ScrollTable } from './scroll-table';

const LABELS = {
  commit: { name: 'Commit', note: 'late-stage or very likely deals' },
  best_case: { name: 'Best case', note: 'deals that could close with a push' },
  pipeline: { name: 'Pipeline', note: 'the rest of the open deals' },
} as const;

/** Open deals in the categories sales teams call: amounts and their expected value per quarter. */
export function ForecastCategories({ report }: { report: ForecastReportView }) {
  const money = (amount: number) => formatMoney(amount, report.currency);
  return (
    <Panel title="Forecast categories">
      <ScrollTable label="Forecast categories table">
        <table className="categories-table">
          <caption className="sr-only">Open deals by forecast category: expected value and full amount closing in each quarter</caption>
          <thead>
            <tr>
              <th scope="col">Category</th><th scope="col" className="num">Deals</th>
              {report.quarters.map((q) => <th key={q.key} scope="col" className="num">{periodLabel(q.key)}</th>)}
            </tr>
          </thead>
          <tbody>
            {report.categories.map((c) => (
              <tr key={c.category} data-category={c.category}>
                <th scope="row">{LABELS[c.category].name} <span className="muted">({LABELS[c.category].note})</span></th>
                <td className="num">{formatCount(c.dealCount)}</td>
                {report.quarters.map((q, index) => (
                  <td key={q.key} className="num">
                    {money(c.expectedByQuarter[index] ?? 0)}
                    <div className="muted small">of {money(c.amountByQuarter[index] ?? 0)}</div>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <p className="muted">Each cell: the probability-weighted (expected) value, then the full amount of the deals that would most likely close in that quarter if won. The categories do not overlap; the usual best-case call is commit plus best case.</p>
    </Panel>
  );
}
