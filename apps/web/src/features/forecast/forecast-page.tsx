import { useSearchParams } from 'react-router';
import { formatCount, formatDateTime } from '../../lib/format';
import { Page } from '../../ui/page';
import { Skeleton } from '../../ui/skeleton';
import { useForecast } from './api/get-forecast';
import { BacktestPanel } from './backtest-panel';
import { DealPrediction } from './deal-prediction';
import { DealWinModelCard } from './deal-win-model-card';
import { ForecastCategories } from './forecast-categories';
import { ForecastPanel } from './forecast-panel';
import { isNoForecastRun, ProblemState } from './forecast-problem';
import { NoForecastRun } from './no-forecast-run';
import { PipelineHealthSection } from './pipeline-health-section';
import { QuotaTable } from './quota-table';
import { RisksPanel } from './risks-panel';
import './forecast.css';

const INTRO = 'The revenue forecast with its range and its track record, pipeline health and the deals at risk.';

/** The revenue forecast with its range and its track record, pipeline health, the deals at risk and the model behind it. */
export default function ForecastPage() {
  const forecast = useForecast();
  const [params, setParams] = useSearchParams();
  const selected = params.get('deal') ? Number(params.get('deal')) : undefined;
  const run = forecast.data?.run;

  if (forecast.isError && isNoForecastRun(forecast.error)) {
    return (
      <Page title="Pipeline & Forecast" intro={INTRO}>
        <div className="two-columns">
          <NoForecastRun detail={forecast.error.message} />
          <DealWinModelCard />
        </div>
      </Page>
    );
  }

  const select = (id: number) => {
    setParams({ deal: String(id) });
    // The prediction sits under the table (which needs the page's width for its evidence): bring it into view.
    requestAnimationFrame(() => document.querySelector('.deal-prediction')?.scrollIntoView({ block: 'nearest' }));
  };

  return (
    <Page title="Pipeline & Forecast" intro={run
      ? <>Forecast run {run.id} as of {formatDateTime(run.asOf)} over {formatCount(run.openDeals)} open deals, win chances from {run.modelVersion}; computed {formatDateTime(run.createdAt)}.</>
      : INTRO}>
      {forecast.isPending ? <Skeleton lines={8} label="Loading the forecast" />
        : forecast.isError ? (
          // 409: not enough history for a forecast; health and risks below still answer from the open deals.
          <ProblemState what="the forecast" error={forecast.error} retry={() => void forecast.refetch()} />
        ) : (
          <div data-ready="forecast">
            <div className="two-columns forecast-top">
              <ForecastPanel report={forecast.data} />
              <BacktestPanel report={forecast.data} />
            </div>
            <QuotaTable report={forecast.data} />
            <ForecastCategories report={forecast.data} />
          </div>
        )}
      <PipelineHealthSection />
      <RisksPanel selected={selected} onSelect={select} />
      <DealPrediction dealId={selected} />
      <DealWinModelCard />
    </Page>
  );
}
