import type { LeadListItem, LeadSortKey } from '@hub/contracts';
import { formatPercent } from '../../lib/format';
import type { LeadsSort } from './api/get-leads';

const COLUMNS: { key: LeadSortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Lead' },
  { key: 'company', label: 'Company' },
  { key: 'score', label: 'Score', numeric: true },
  { key: 'percentile', label: 'Percentile', numeric: true },
  { key: 'confidence', label: 'Confidence', numeric: true },
];

interface LeadsTableProps {
  leads: LeadListItem[];
  sort: LeadsSort;
  /** A header's button: the hub sorts every lead, not only the page shown. */
  onSort: (sort: LeadsSort) => void;
  selected?: number;
  onSelect: (id: number) => void;
}

/** A page of open leads; column header buttons sort them on the server (a second press reverses the order). */
export function LeadsTable({ leads, sort, onSort, selected, onSelect }: LeadsTableProps) {
  // A new column starts as the hub's default: numbers largest first, names A to Z.
  const press = (key: LeadSortKey, numeric = false) =>
    onSort({ key, order: sort.key === key ? (sort.order === 'asc' ? 'desc' : 'asc') : numeric ? 'desc' : 'asc' });
  return (
    <div className="table-wrap">
      <table className="leads-table">
        <caption className="sr-only">Open leads; sort all of them with the column buttons, open a lead&apos;s factors with its name</caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'num' : undefined}
                aria-sort={sort.key === column.key ? (sort.order === 'desc' ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="link" data-sort={column.key} onClick={() => press(column.key, column.numeric)}>
                  {column.label}<span aria-hidden="true">{sort.key === column.key ? (sort.order === 'desc' ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
            <th scope="col">Top factors</th>
            <th scope="col">Next step</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
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
