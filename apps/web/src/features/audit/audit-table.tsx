import type { AuditEntry } from '@hub/contracts';
import { formatDateTime } from '../../lib/format';

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="audit-table">
        <caption className="sr-only">Audit log entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th><th scope="col">Operation</th><th scope="col">Key</th><th scope="col">Outcome</th>
            <th scope="col">Subject</th><th scope="col" className="num">Duration</th><th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-audit-id={entry.id}>
              <td>{formatDateTime(entry.at)}</td>
              <td><code>{entry.operation}</code></td>
              <td>{entry.keyId ?? '—'}</td>
              <td><span className={`badge outcome-${entry.outcome}`}>{entry.outcome}</span></td>
              <td>{entry.subjectType ? `${entry.subjectType} ${(entry.subjectIds ?? []).slice(0, 3).join(', ')}` : '—'}</td>
              <td className="num">{entry.durationMs === null ? '—' : `${entry.durationMs} ms`}</td>
              <td className="detail">{entry.detail ? JSON.stringify(entry.detail) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
