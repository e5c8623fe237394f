import type { Random } from '../core/random';

/** The small print of activities: which page, which form, how a call went. */

const PAGES = [
  '/', '/pricing', '/pricing', '/product/pipeline', '/product/forecasting', '/product/automation', '/customers',
  '/integrations/erp', '/integrations/email', '/security', '/blog/forecast-accuracy', '/blog/crm-migration-checklist',
  '/docs/getting-started', '/demo', '/compare/salesforce', '/compare/hubspot',
];
const CUSTOMER_PAGES = ['/docs/getting-started', '/docs/reports', '/docs/api', '/docs/admin/users', '/changelog', '/status'];
const FORMS = ['Contact sales', 'Demo request', 'Free trial signup', 'Webinar registration', 'Newsletter signup', 'Event badge scan'];
const ASSETS = [
  'CRM Buyer\'s Guide 2026', 'Forecasting Benchmark Report', 'ROI Calculator', 'Case study: Mid-Market manufacturer',
  'Checklist: CRM migration', 'Whitepaper: Pipeline hygiene',
];
const CAMPAIGNS = ['Welcome series #1', 'Welcome series #2', 'Webinar invite: Forecasting 101', 'Product update', 'Event invite: Revenue Summit'];
const NOTES = [
  'Left a voicemail, will try again later this week.',
  'Spoke briefly; interested in forecasting, asked for a follow-up next week.',
  'Asked whether we integrate with their ERP.',
  'Not the decision maker; offered to introduce me to their VP.',
  'Contract with their current vendor ends next quarter.',
  'Met at the booth; wants pricing for a small team first.',
  'Evaluating two other tools; main pain is reporting.',
];

export function pageVisit(rng: Random, customer = false) {
  return { page: rng.pick(customer ? CUSTOMER_PAGES : PAGES), duration_seconds: Math.round(rng.logNormal(Math.log(70), 0.9)) };
}

export function formSubmission(rng: Random) {
  return { form: rng.pick(FORMS) };
}

export function contentDownload(rng: Random) {
  return { asset: rng.pick(ASSETS) };
}

export function campaign(rng: Random) {
  return { campaign: rng.pick(CAMPAIGNS) };
}

export function prospectNote(rng: Random) {
  return { text: rng.pick(NOTES) };
}

export function callOutcome(rng: Random) {
  const outcome = rng.weighted({ connected: 50, voicemail: 30, no_answer: 20 });
  const seconds = outcome === 'connected' ? Math.round(rng.logNormal(Math.log(420), 0.6)) : outcome === 'voicemail' ? rng.int(20, 70) : 0;
  return { outcome, duration_seconds: seconds };
}

export function newsletter(monthName: string, year: number) {
  return { campaign: `Monthly newsletter – ${monthName} ${year}` };
}
