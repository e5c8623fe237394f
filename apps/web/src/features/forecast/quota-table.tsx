import { type FormEvent, useState } from 'react';
import type { ForecastReportView } from '@hub/contracts';
import { formatMoney, formatPercent } from '../../lib/format';
import { type Quotas, useForecast } from './api/get-forecast';
import { periodLabel } from './forecast-format';
import { Panel } from '../../ui/page';
import { ScrollTable } from './scroll-table';

/** Typed quota text per quarter → the quotas to ask about; a bad entry is named, not sent. */
function parseQuotas(entries: Record<string, string>): { quotas: Record<string, number>; problem?: string } {
  const quotas: Record<string, number> = {};
  for (const [key, text] of Object.entries(entries)) {
    if (text.trim() === '') continue;
    const amount = Number(text);
    if (!Number.isFinite(amount) || amount < 0) return { quotas, problem: `The quota for ${periodLabel(key)} must be a number of 0 or more; got "${text}".` };
    quotas[key] = amount;
  }
  return { quotas };
}

/**
 * Each quarter's expected revenue and range, and a quota per quarter: the hub re-simulates the run
 * (same seed, same figures) and answers the chance of reaching each quota.
 */
export function QuotaTable({ report }: { report: ForecastReportView }) {
  const [entries, setEntries] = useState<Record<string, string>>({});
  const [asked, setAsked] = useState<Quotas>({});
  const [problem, setProblem] = useState<string>();
  const hasQuotas = Object.keys(asked).length > 0;
  const withQuotas = useForecast(asked);
  const chances = hasQuotas && withQuotas.data && !withQuotas.isPlaceholderData ? withQuotas.data.quarters : undefined;
  const money = (amount: number) => formatMoney(amount, report.currency);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseQuotas(entries);
    setProblem(parsed.problem);
    if (!parsed.problem) setAsked(parsed.quotas);
  };

  return (
    <Panel title="Quarters and quotas">
      <form onSubmit={submit} aria-label="Quotas per quarter" className="quota-form" noValidate>
        <ScrollTable label="Forecast per quarter">
          <table className="quarters-table">
            <caption className="sr-only">Forecast per quarter in {report.currency}, with a quota for each and the chance of reaching it</caption>
            <thead>
              <tr>
                <th scope="col">Quarter</th><th scope="col" className="num">Expected</th><th scope="col" className="num">P10 – P90</th>
                <th scope="col" className="num">P50</th><th scope="col" className="num">Booked</th><th scope="col">Quota ({report.currency})</th>
                <th scope="col" className="num">Chance to reach</th>
              </tr>
            </thead>
            <tbody>
              {report.quarters.map((quarter, index) => {
                const quota = chances?.find((q) => q.key === quarter.key)?.quota;
                return (
                  <tr key={quarter.key} data-period={quarter.key}>
                    <th scope="row">{periodLabel(quarter.key)}{index === 0 && <span className="muted"> (this quarter)</span>}</th>
                    <td className="num" data-figure="expected">{money(quarter.expected)}</td>
                    <td className="num"><span data-figure="p10">{money(quarter.p10)}</span> – <span data-figure="p90">{money(quarter.p90)}</span></td>
                    <td className="num" data-figure="p50">{money(quarter.p50)}</td>
                    <td className="num" data-figure="booked">{money(quarter.booked)}</td>
                    <td>
                      <input type="number" min={0} step="any" inputMode="decimal" name={`quota-${quarter.key}`} className="quota-input"
                        aria-label={`Quota for ${periodLabel(quarter.key)} in ${report.currency}`} value={entries[quarter.key] ?? ''}
                        onChange={(event) => setEntries({ ...entries, [quarter.key]: event.target.value })} />
                    </td>
                    <td className="num" data-figure="chance" data-probability={quota?.probabilityToReach}>
                      {quota ? formatPercent(quota.probabilityToReach) : asked[quarter.key] !== undefined && withQuotas.isFetching ? '…' : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
        <div className="row">
          <button type="submit" disabled={withQuotas.isFetching && hasQuotas}>Show the chance of reaching these quotas</button>
          {problem && <p role="alert">{problem}</p>}
          {hasQuotas && withQuotas.isError && <p role="alert">{withQuotas.error.message}</p>}
        </div>
      </form>
    </Panel>
  );
}
