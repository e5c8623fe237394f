import type { EmbedContext } from '@hub/contracts';
import { formatCalendarDate, formatDate, formatMoney, words } from './embed-format';

/** Who or what the panel sits on: the contact (or deal, or company), its company, deals and latest activity. */
export function RecordCard({ context }: { context: EmbedContext }) {
  const { contact, company, deal, open_deals: openDeals, recent_activities: activities } = context;
  const title = contact?.name ?? deal?.name ?? company?.name ?? `${context.record.type} ${context.record.id}`;
  const last = activities[0];
  return (
    <section className="card" aria-labelledby="record-title">
      <h1 id="record-title">{title}</h1>
      {contact && (
        <p className="muted">
          {[contact.title, company?.name].filter(Boolean).join(' at ') || contact.email} · {words(contact.lifecycle_stage)}
          {contact.is_decision_maker ? ' · decision maker' : ''}
        </p>
      )}
      {!contact && company && <p className="muted">{[company.industry, company.country].filter(Boolean).join(' · ') || 'Company'}</p>}
      <dl className="facts">
        {deal && (
          <div>
            <dt>This deal</dt>
            <dd>{formatMoney(deal.amount, deal.currency)} · {words(deal.stage)}{deal.expected_close_date ? ` · closes ${formatCalendarDate(deal.expected_close_date)}` : ''}</dd>
          </div>
        )}
        <div>
          <dt>Open deals</dt>
          <dd>
            {openDeals.length === 0 ? 'None' : (
              <ul className="plain">
                {openDeals.slice(0, 3).map((d) => <li key={d.id}>{d.name}: {formatMoney(d.amount, d.currency)}, {words(d.stage)}</li>)}
                {context.open_deals_total > 3 && <li>and {context.open_deals_total - 3} more</li>}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>Last activity</dt>
          <dd>{last ? `${words(last.type)}, ${formatDate(last.occurred_at)}` : 'None recorded'}</dd>
        </div>
        {context.company_contacts_total !== null && (
          <div>
            <dt>Contacts</dt>
            <dd>{context.company_contacts_total}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
