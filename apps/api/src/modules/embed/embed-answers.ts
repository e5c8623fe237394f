import type { EmbedContext, EmbedDeal, EmbedIntent } from '@hub/contracts';

const HELP = 'I answer from this record\'s facts and scores: its lead score and why, its open deals, the last activity, its company, and a recommended next step. '
  + 'Try "Why is the score what it is?", "What deals are open?", "When did we last talk?" or "What should I do next?". '
  + 'Other questions need the hub\'s question answering, which has not landed yet.';
const DAY_MS = 86_400_000;

const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount.toLocaleString('en-US')} ${currency}`;
  }
};
const day = (iso: string) => iso.slice(0, 10);
const words = (code: string) => code.replace(/_/g, ' ');
const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;
const subject = (context: EmbedContext) =>
  context.contact?.name ?? context.deal?.name ?? context.company?.name ?? `${context.record.type} ${context.record.id}`;

function dealLine(deal: EmbedDeal): string {
  const closing = deal.expected_close_date ? `, expected to close ${deal.expected_close_date}` : '';
  return `${deal.name} (${money(deal.amount, deal.currency)}, ${words(deal.stage)}${closing})`;
}

function scoreAnswer(context: EmbedContext): string[] {
  const score = context.lead_score;
  if (!score) return [context.lead_score_note ?? `${subject(context)} has no lead score.`];
  const up = score.factors.filter((f) => f.contribution > 0).slice(0, 3);
  const down = score.factors.filter((f) => f.contribution < 0).slice(0, 3);
  return [
    `${context.contact?.name ?? `Contact ${score.contact_id}`} scores ${score.score}/100: a ${Math.round(score.probability * 100)}% chance of converting, ${score.confidence_level} confidence (${score.model_version}).`,
    up.length > 0 ? ` Raising it: ${up.map((f) => `${f.label} (${signed(f.contribution)})`).join('; ')}.` : ' Nothing raises it much.',
    down.length > 0 ? ` Lowering it: ${down.map((f) => `${f.label} (${signed(f.contribution)})`).join('; ')}.` : ' Nothing lowers it much.',
  ];
}

function dealsAnswer(context: EmbedContext): string[] {
  const parts: string[] = [];
  if (context.deal) parts.push(`This deal: ${dealLine(context.deal)}${context.deal.budget_confirmed ? ', budget confirmed' : ''}.`);
  const open = context.open_deals;
  if (open.length === 0) parts.push(`${parts.length > 0 ? ' No other' : 'No'} open deals.`);
  else {
    const totals = new Map<string, number>();
    for (const deal of open) totals.set(deal.currency, (totals.get(deal.currency) ?? 0) + deal.amount);
    const worth = [...totals].map(([currency, amount]) => money(amount, currency)).join(' + ');
    parts.push(`${parts.length > 0 ? ' ' : ''}${context.open_deals_total} ${context.deal ? 'other ' : ''}open deal${context.open_deals_total === 1 ? '' : 's'}${context.open_deals_total > open.length ? ` (the newest ${open.length} worth ${worth})` : `, worth ${worth}`}:`);
    parts.push(` ${open.map(dealLine).join('; ')}.`);
  }
  return parts;
}

function activityAnswer(context: EmbedContext): string[] {
  const [last, ...earlier] = context.recent_activities;
  if (!last) return [`No activity is recorded for ${subject(context)}.`];
  return [
    `The last activity was ${words(last.type)} on ${day(last.occurred_at)}.`,
    ...(earlier.length > 0 ? [` Before that: ${earlier.slice(0, 4).map((a) => `${words(a.type)} on ${day(a.occurred_at)}`).join(', ')}.`] : []),
  ];
}

function companyAnswer(context: EmbedContext): string[] {
  const company = context.company;
  if (!company) return [`${subject(context)} has no company in the CRM.`];
  const size = company.employees === null ? '' : `, ${company.employees.toLocaleString('en-US')} employees`;
  const revenue = company.annual_revenue === null ? '' : `, annual revenue ${company.annual_revenue.toLocaleString('en-US')}`;
  return [
    `${company.name}${company.domain ? ` (${company.domain})` : ''}: ${company.industry ?? 'industry unknown'}${size}${revenue}${company.country ? `, ${company.country}` : ''}.`,
    ...(context.company_contacts_total === null ? [] : [` ${context.company_contacts_total} contacts in the CRM; ${context.open_deals_total} open deals.`]),
  ];
}

function nextStepAnswer(context: EmbedContext, now: number): string[] {
  const steps: string[] = [];
  if (context.lead_score) steps.push(context.lead_score.recommendation);
  const last = context.recent_activities[0];
  if (!last) steps.push('Nothing is recorded yet: make a first contact.');
  else if (now - Date.parse(last.occurred_at) > 30 * DAY_MS) steps.push(`No activity since ${day(last.occurred_at)}: re-engage before it goes cold.`);
  for (const deal of [context.deal, ...context.open_deals].filter((d): d is EmbedDeal => d !== null).slice(0, 3)) {
    if (deal.stage === 'closed_won' || deal.stage === 'closed_lost') continue;
    if (deal.expected_close_date && Date.parse(deal.expected_close_date) < now) steps.push(`${deal.name} was expected to close on ${deal.expected_close_date}: update its close date or stage.`);
    else if (!deal.budget_confirmed) steps.push(`Confirm the budget for ${deal.name}.`);
  }
  if (steps.length === 0) steps.push('Nothing stands out: keep the current cadence.');
  return steps.map((step, index) => (index === 0 ? step : ` ${step}`));
}

/** The answer to one intent, in pieces that stream in order (joined, they read as one paragraph). */
export function composeAnswer(intent: EmbedIntent, context: EmbedContext, now = Date.now()): string[] {
  switch (intent) {
    case 'score': return scoreAnswer(context);
    case 'deals': return dealsAnswer(context);
    case 'last_activity': return activityAnswer(context);
    case 'company': return companyAnswer(context);
    case 'next_step': return nextStepAnswer(context, now);
    case 'help': return [HELP];
  }
}
