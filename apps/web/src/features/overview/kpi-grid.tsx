import type { OverviewView, UnavailableKpi } from '@hub/contracts';
import { formatCount, formatDate, formatMoney, formatMonth, formatPercent } from '../../lib/format';
import { KpiCard } from '../../ui/kpi-card';
import { ExpectedRevenueKpi } from './expected-revenue-kpi';

/** The headline figures; those whose capability has not landed say so instead of a number. */
export function KpiGrid({ view }: { view: OverviewView }) {
  const { openPipeline, winRate90d: win, newLeads } = view;
  const change = newLeads.thisMonth - newLeads.lastMonth;
  return (
    <div className="kpi-grid">
      <KpiCard
        testId="kpi-open-pipeline"
        label="Open pipeline"
        value={openPipeline.length === 0 ? 'No open deals' : (
          <ul className="plain">
            {openPipeline.map((entry) => (
              <li key={entry.currency} data-currency={entry.currency} data-amount={entry.amount}>{formatMoney(entry.amount, entry.currency)}</li>
            ))}
          </ul>
        )}
        note={`${formatCount(openPipeline.reduce((sum, entry) => sum + entry.deals, 0))} open deals; each currency on its own`}
      />
      {/* The overview API leaves this one to the forecast: asked here, client-side. */}
      <ExpectedRevenueKpi />
      <KpiCard
        testId="kpi-win-rate"
        label="Win rate, last 90 days"
        value={win.rate === null ? 'No deals closed' : formatPercent(win.rate)}
        note={`${formatCount(win.won)} won of ${formatCount(win.won + win.lost)} closed, ${formatDate(win.from)} – ${formatDate(win.to)}`}
      />
      <KpiCard
        testId="kpi-new-leads"
        label={`New leads, ${formatMonth(newLeads.monthStart)}`}
        value={formatCount(newLeads.thisMonth)}
        note={`${change >= 0 ? '+' : '−'}${formatCount(Math.abs(change))} against ${formatMonth(newLeads.lastMonthStart)} (${formatCount(newLeads.lastMonth)})`}
      />
      <Unavailable label="At-risk accounts" kpi={view.atRiskAccounts} />
    </div>
  );
}

function Unavailable({ label, kpi }: { label: string; kpi: UnavailableKpi }) {
  return <KpiCard label={label} value={<span className="muted">{kpi.capability} not available yet</span>} note={kpi.reason} />;
}
