import { NotAvailable } from '../../ui/not-available';
import { Page } from '../../ui/page';

/** Pages whose capability has not landed: each names what will be here, and shows no figures. */
function capabilityPage(title: string, capability: string, detail: string) {
  return function CapabilityPage() {
    return (
      <Page title={title}>
        <NotAvailable capability={capability} detail={detail} />
      </Page>
    );
  };
}

export const customers = capabilityPage('Customers', 'Customer insights',
  'Churn risk, upsell and cross-sell opportunities and segments will show here once the customer-insights capability lands.');
export const inbox = capabilityPage('Inbox', 'Email intelligence',
  'Sentiment, category, priority and reply suggestions for customer emails will show here once the email-intelligence capability lands.');
export const meetings = capabilityPage('Meetings', 'Meeting intelligence',
  'Summaries, action items with owners and dates, and follow-ups will show here once the meeting-intelligence capability lands.');
export const ask = capabilityPage('Ask', 'Ask the CRM',
  'Questions in plain language, answered with tables and charts, will show here once the question-answering capability lands.');
