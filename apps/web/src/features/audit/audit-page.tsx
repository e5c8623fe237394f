import { useState } from 'react';
import { Page } from '../../ui/page';
import { QueryView } from '../../ui/query-view';
import { type AuditFilters, useAuditPage } from './api/get-audit';
import { AuditFilterForm } from './audit-filters';
import { AuditTable } from './audit-table';

/** The append-only audit log: who did what, when, with which outcome; filters and cursor paging. */
export default function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  // The cursors of the pages before this one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const audit = useAuditPage(filters, cursor);

  return (
    <Page title="Audit" intro="Every call that reads scores or changes data, refused ones included.">
      <AuditFilterForm onApply={(next) => { setFilters(next); setCursors([undefined]); }} />
      <QueryView query={audit} what="the audit log" skeletonLines={8} isEmpty={(page) => page.items.length === 0}
        empty={<p>No entries match these filters.</p>}>
        {(page) => (
          <>
            <AuditTable entries={page.items} />
            <nav className="pager row" aria-label="Audit pages">
              <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>Newer</button>
              <span>Page {cursors.length}</span>
              <button type="button" disabled={!page.nextCursor} onClick={() => setCursors([...cursors, page.nextCursor ?? undefined])}>Older</button>
            </nav>
          </>
        )}
      </QueryView>
    </Page>
  );
}
