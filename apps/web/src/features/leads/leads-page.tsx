import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatCount } from '../../lib/format';
import { ScoreHistogram } from '../../ui/charts/score-histogram';
import { Page, Panel } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { QueryView } from '../../ui/query-view';
import { LEADS_PAGE_SIZE, type LeadsSort, useLeads } from './api/get-leads';
import { useScoreDistribution } from './api/get-score-distribution';
import { LeadExplanation } from './lead-explanation';
import { LeadsTable } from './leads-table';
import { ModelPanel } from './model-panel';

/** Open leads by score, why each scores what it does, and the model behind the scores. */
export default function LeadsPage() {
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<LeadsSort>({ key: 'score', order: 'desc' });
  const leads = useLeads(page, sort);
  const distribution = useScoreDistribution();
  const selected = params.get('contact') ? Number(params.get('contact')) : undefined;

  return (
    <Page title="Leads" intro="Open leads ranked by their calibrated chance to convert, with the reasons behind each score.">
      <div className="two-columns">
        <Panel title="Score distribution">
          <QueryView query={distribution} what="the score distribution" isEmpty={(d) => d.scoredLeads === 0}
            empty={<p>No lead is scored yet: train a model, or score leads through the API.</p>}>
            {(d) => <ScoreHistogram bins={d.leadScoreDistribution} />}
          </QueryView>
        </Panel>
        <ModelPanel />
      </div>
      <Panel title="Open leads">
        <QueryView query={leads} what="the leads" skeletonLines={8} isEmpty={(p) => p.total === 0}
          empty={<p>No open lead has a score yet. Scores appear once a model is trained or the leads are rescored.</p>}>
          {(result) => (
            <>
              <p className="muted" data-testid="leads-total">{formatCount(result.total)} open leads scored.</p>
              <LeadsTable leads={result.items} sort={sort} onSort={(next) => { setSort(next); setPage(1); }} selected={selected} onSelect={(id) => setParams({ contact: String(id) })} />
              <Pager label="Leads" page={result.page} pages={Math.ceil(result.total / LEADS_PAGE_SIZE)} onPage={setPage} />
            </>
          )}
        </QueryView>
      </Panel>
      <LeadExplanation contactId={selected} />
    </Page>
  );
}
