import type { TicketPriority } from '@hub/contracts';
import type { Random } from '../core/random';

const SUBJECTS: Record<TicketPriority, readonly string[]> = {
  low: [
    'How do I change the default currency on quotes?',
    'Feature request: dark mode for the dashboard',
    'Question about exporting contacts to CSV',
    'Can we rename the "Lead source" field?',
    'Typo in the weekly digest email',
    'How to add a custom logo to PDF proposals',
  ],
  normal: [
    'Report totals differ from the pipeline view',
    'Outlook add-in asks me to log in every day',
    'Cannot assign a deal to a new team member',
    'Import of {n} contacts stopped halfway',
    'Calendar sync shows meetings twice',
    'Workflow did not trigger for new leads',
    'Invoice {n} shows the wrong VAT number',
    'Need help setting up SSO for a new department',
  ],
  high: [
    'Forecast dashboard not loading for the whole sales team',
    'Emails logged to the wrong contacts since yesterday',
    'API returns 500 errors on deal updates',
    'ERP sync failing: orders missing since Monday',
    'Data export times out, we need it for the board meeting',
    'Users locked out after password policy change',
  ],
  urgent: [
    'URGENT: CRM down for all users',
    'Production outage: cannot save any records',
    'URGENT: customer data visible to the wrong team',
    'Sync deleted {n} deals, please restore',
    'Critical: quotes sent with wrong prices',
    'Escalation: third outage this month, need a call today',
  ],
};

export function ticketSubject(rng: Random, priority: TicketPriority): string {
  return rng.pick(SUBJECTS[priority]).replace('{n}', String(rng.int(12, 4800)));
}
