import { useState } from 'react';
import { formatCount } from '../../lib/format';
import { Panel } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { Skeleton } from '../../ui/skeleton';
import { RISKS_PAGE_SIZE, useDealRisks } from './api/get-deal-risks';
import { ProblemState } from './forecast-problem';
import { RiskTable } from './risk-table';

/** The ranked risk table, a page at a time; choosing a deal opens its prediction. */
export function RisksPanel({ selected, onSelect }: { selected?: number; onSelect: (id: number) => void }) {
  const [page, setPage] = useState(1);
  const risks = useDealRisks(page);
  return (
    <Panel title="Deals at risk" className="risks-panel">
      {risks.isPending ? <Skeleton lines={8} label="Loading the deals at risk" />
        : risks.isError ? <ProblemState what="the deals at risk" error={risks.error} retry={() => void risks.refetch()} />
          : risks.data.total === 0 ? <p className="empty">No open deal carries a risk flag.</p> : (
            <>
              <p className="muted" data-testid="risks-total">
                {formatCount(risks.data.total)} open deals carry at least one risk flag, largest revenue at risk first
                (revenue at risk: the expected value the flags put in doubt).
              </p>
              <RiskTable deals={risks.data.items} currency={risks.data.currency} selected={selected} onSelect={onSelect} />
              <Pager label="Deals at risk" page={page} pages={Math.ceil(risks.data.total / RISKS_PAGE_SIZE)} onPage={setPage} />
            </>
          )}
    </Panel>
  );
}
