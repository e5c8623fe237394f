import { Link } from 'react-router';
import type { TopLeadView } from '@hub/contracts';

/** The best-scored open leads, each linking to its explanation on the Leads page. */
export function TopLeads({ leads }: { leads: TopLeadView[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Top scored open leads</caption>
        <thead>
          <tr><th scope="col">Lead</th><th scope="col">Company</th><th scope="col" className="num">Score</th><th scope="col">Next step</th></tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.contactId} data-contact-id={lead.contactId}>
              <td><Link to={`/leads?contact=${lead.contactId}`}>{lead.name}</Link></td>
              <td>{lead.companyName ?? '—'}</td>
              <td className="num">{lead.score}</td>
              <td>{lead.recommendation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
