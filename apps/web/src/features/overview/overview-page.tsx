import { Link } from 'react-router';
import { formatCount, formatDateTime } from '../../lib/format';
import { LazyLeadsAndWinsChart, LazyScoreHistogram as ScoreHistogram, LazyWonAmountChart } from '../../ui/charts/lazy-charts';
import { Page, Panel } from '../../ui/page';
import { QueryView } from '../../ui/query-view';
import { useOverview } from './api/get-overview';
import { useOverviewTrends } from './api/get-overview-trends';
import { KpiGrid } from './kpi-grid';
import { TopLeads } from './top-leads';

/** The morning view: what the pipeline holds, how deals go, which leads to call. */
export default function OverviewPage() {
  const overview = useOverview();
  const trends = useOverviewTrends();
  return (
    <Page
      title="Overview"
      intro={overview.data && <>Figures as of the data&apos;s latest event, {formatDateTime(overview.data.asOf)}.</>}
    >
      <QueryView query={overview} what="the overview" skeletonLines={8}>
        {(view) => (
          <div data-ready="overview">
            <KpiGrid view={view} />
            <div className="two-columns" data-testid="overview-trends">
              <QueryView query={trends} what="the trends" skeletonLines={6}
                isEmpty={(t) => t.months.every((m) => m.newLeads === 0 && m.won + m.lost === 0)}
                empty={<p>No leads created or deals closed in the last twelve months of data.</p>}>
                {(t) => (
                  <>
                    <Panel title="New leads and deals won, by month"><LazyLeadsAndWinsChart trends={t} /></Panel>
                    <Panel title="Won amount, by month">
                      {t.currencies.length === 0 ? <p className="empty">No deal won in the last twelve months of data.</p> : <LazyWonAmountChart trends={t} />}
                    </Panel>
                  </>
                )}
              </QueryView>
            </div>
            <div className="two-columns">
              <Panel title="Top scored leads">
                {view.topLeads.length === 0 ? (
                  <p className="empty">No lead is scored yet. Train a lead model on the <Link to="/leads">Leads</Link> page to score them.</p>
                ) : <TopLeads leads={view.topLeads} />}
              </Panel>
              <Panel title="Lead score distribution">
                {view.scoredLeads === 0 ? <p className="empty">No scores yet.</p> : (
                  <>
                    <ScoreHistogram bins={view.leadScoreDistribution} />
                    <p className="muted">{formatCount(view.scoredLeads)} open leads scored.</p>
                  </>
                )}
              </Panel>
            </div>
          </div>
        )}
      </QueryView>
    </Page>
  );
}
