import { Link } from 'react-router';
import { formatCount, formatDateTime } from '../../lib/format';
import { LazyScoreHistogram as ScoreHistogram } from '../../ui/charts/lazy-charts';
import { Page, Panel } from '../../ui/page';
import { QueryView } from '../../ui/query-view';
import { useOverview } from './api/get-overview';
import { KpiGrid } from './kpi-grid';
import { TopLeads } from './top-leads';

/** The morning view: what the pipeline holds, how deals go, which leads to call. */
export default function OverviewPage() {
  const overview = useOverview();
  return (
    <Page
      title="Overview"
      intro={overview.data && <>Figures as of the data&apos;s latest event, {formatDateTime(overview.data.asOf)}.</>}
    >
      <QueryView query={overview} what="the overview" skeletonLines={8}>
        {(view) => (
          <div data-ready="overview">
            <KpiGrid view={view} />
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
