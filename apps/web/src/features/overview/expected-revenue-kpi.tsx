import { Link } from 'react-router';
import { formatDate, formatMoney } from '../../lib/format';
import { ApiError } from '../../lib/http';
import { KpiCard } from '../../ui/kpi-card';
import { Skeleton } from '../../ui/skeleton';
import { useForecastHeadline } from './api/get-forecast-headline';

const LABEL = 'Expected revenue this quarter';

/** This quarter's expected revenue with its P10–P90 range; without a forecast run, says why. */
export function ExpectedRevenueKpi() {
  const headline = useForecastHeadline();
  if (headline.isPending) return <KpiCard testId="kpi-expected-revenue" label={LABEL} value={<Skeleton lines={1} label="Loading the forecast" />} />;
  if (headline.isError) {
    const problem = headline.error instanceof ApiError ? headline.error.status : 0;
    const value = problem === 404 ? 'No forecast yet' : problem === 409 ? 'Not enough history' : 'Could not load the forecast';
    return (
      <KpiCard testId="kpi-expected-revenue" label={LABEL} value={<span className="muted">{value}</span>}
        note={<>{headline.error.message} <Link to="/pipeline">Pipeline &amp; Forecast</Link></>} />
    );
  }
  const { quarter, currency, asOf } = headline.data;
  if (!quarter) return <KpiCard testId="kpi-expected-revenue" label={LABEL} value={<span className="muted">No quarter forecast</span>} />;
  return (
    <KpiCard testId="kpi-expected-revenue" label={`${LABEL} (${quarter.key})`}
      value={<span data-amount={quarter.expected} data-currency={currency}>{formatMoney(quarter.expected, currency)}</span>}
      note={<>P10–P90 <span data-figure="p10">{formatMoney(quarter.p10, currency)}</span> – <span data-figure="p90">{formatMoney(quarter.p90, currency)}</span>; forecast as of {formatDate(asOf)}. <Link to="/pipeline">Details</Link></>} />
  );
}
