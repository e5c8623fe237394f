import { useState } from 'react';
import type { LeadListItem } from '@hub/contracts';
import { formatPercent } from '../../lib/format';

type SortKey = 'name' | 'company_name' | 'score' | 'confidence' | 'percentile';
const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Lead' },
  { key: 'company_name', label: 'Company' },
  { key: 'score', label: 'Score', numeric: true },
  { key: 'percentile', label: 'Percentile', numeric: true },
  { key: 'confidence', label: 'Confidence', numeric: true },
];

function compare(a: LeadListItem, b: LeadListItem, key: SortKey): number {
  const x = a[key] ?? '';
  const y = b[key] ?? '';
  return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
}

/** A page of open leads; column headers sort the page shown (the hub pages by score). */
export function LeadsTable({ leads, selected, onSelect }: { leads: LeadListItem[]; selected?: number; onSelect: (id: number) => void }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'score', descending: true });
  const rows = [...leads].sort((a, b) => (sort.descending ? -1 : 1) * compare(a, b, sort.key));
  return (
    <div className="table-wrap">
      <table className="leads-table">
        <caption className="sr-only">Open leads by score; sort with the column buttons, open a lead&apos;s factors with its name</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'num' : undefined}
                aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="link" onClick={() => setSort({ key: column.key, descending: sort.key === column.key ? !sort.descending : !!column.numeric })}>
                  {column.label}{sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
            <th scope="col">Top factors</th>
            <th scope="col">Next step</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((lead) => (
            <tr key={lead.contact_id} data-contact-id={lead.contact_id} aria-selected={lead.contact_id === selected}>
              <td><button type="button" className="link" onClick={() => onSelect(lead.contact_id)}>{lead.name}</button></td>
              <td>{lead.company_name ?? '—'}</td>
              <td className="num" data-score>{lead.score}</td>
              <td className="num">{formatPercent(lead.percentile)}</td>
              <td className="num">{formatPercent(lead.confidence)}</td>
              <td>{lead.top_factors.slice(0, 3).join('; ')}</td>
              <td>{lead.recommendation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
