import { DAY_MS, type ForecastDeal } from '../deal-state';

export type RiskCode =
  | 'no-activity'
  | 'past-close-date'
  | 'pushed-repeatedly'
  | 'single-threaded'
  | 'no-decision-maker'
  | 'stage-regression'
  | 'negative-emails'
  | 'champion-silent';

export interface RiskFlag {
  code: RiskCode;
  /** Plain language with the numbers, e.g. "No activity for 23 days". */
  phrase: string;
  /** Share of the deal's expected value this flag puts in doubt (see RISK_WEIGHTS). */
  weight: number;
  evidence: Record<string, number | string | boolean | null>;
}

export interface RiskSettings {
  noActivityDays: number;
  championSilentDays: number;
  /** Flag when the close date was pushed more than this many times. */
  allowedPushes: number;
  /** Flag when at least this share of recent emails, and at least minNegativeEmails, were negative. */
  negativeEmailShare: number;
  minNegativeEmails: number;
  weights: Readonly<Record<RiskCode, number>>;
}

/**
 * How much each flag weighs. Judgement, not fitted: the deal-win model already prices most of this
 * evidence into the probability; the weights only order the deals a manager should look at first.
 */
export const RISK_WEIGHTS: Readonly<Record<RiskCode, number>> = {
  'no-activity': 0.2,
  'past-close-date': 0.15,
  'pushed-repeatedly': 0.1,
  'single-threaded': 0.1,
  'no-decision-maker': 0.15,
  'stage-regression': 0.15,
  'negative-emails': 0.2,
  'champion-silent': 0.15,
};

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  noActivityDays: 14,
  championSilentDays: 21,
  allowedPushes: 1,
  negativeEmailShare: 0.4,
  minNegativeEmails: 2,
  weights: RISK_WEIGHTS,
};

const wholeDays = (ms: number) => Math.floor(ms / DAY_MS);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function riskFlags(deal: ForecastDeal, now: number, settings: RiskSettings = DEFAULT_RISK_SETTINGS): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const flag = (code: RiskCode, phrase: string, evidence: RiskFlag['evidence']) => flags.push({ code, phrase, weight: settings.weights[code], evidence });
  const quietDays = wholeDays(now - (deal.lastActivityAt ?? deal.createdAt));
  if (quietDays >= settings.noActivityDays) {
    flag('no-activity', deal.lastActivityAt === null ? `No activity recorded in the ${plural(quietDays, 'day')} since it was created` : `No activity for ${plural(quietDays, 'day')}`, {
      daysSinceActivity: quietDays,
      lastActivityAt: deal.lastActivityAt,
      thresholdDays: settings.noActivityDays,
    });
  }
  if (deal.expectedCloseAt !== null && deal.expectedCloseAt < now) {
    const overdue = wholeDays(now - deal.expectedCloseAt);
    flag('past-close-date', overdue === 0 ? 'Expected close date passed today' : `Expected close date passed ${plural(overdue, 'day')} ago`, {
      expectedCloseAt: deal.expectedCloseAt,
      daysOverdue: overdue,
    });
  }
  if (deal.closePushes > settings.allowedPushes) {
    flag('pushed-repeatedly', `Close date pushed ${deal.closePushes} times`, { closePushes: deal.closePushes, allowedPushes: settings.allowedPushes });
  }
  if (deal.contactsEngaged <= 1) {
    flag('single-threaded', deal.contactsEngaged === 0 ? 'No contact engaged' : 'Only one contact engaged', { contactsEngaged: deal.contactsEngaged });
  }
  if (!deal.decisionMakerEngaged) flag('no-decision-maker', 'No decision maker engaged', { decisionMakerEngaged: false });
  if (deal.stageRegressions > 0) {
    flag('stage-regression', `Moved back a stage ${deal.stageRegressions === 1 ? 'once' : `${deal.stageRegressions} times`}`, { stageRegressions: deal.stageRegressions });
  }
  const emails = deal.negativeEmailTrend;
  if (emails && emails.emails > 0 && emails.negativeEmails >= settings.minNegativeEmails && emails.negativeEmails / emails.emails >= settings.negativeEmailShare) {
    flag('negative-emails', `${emails.negativeEmails} of the last ${plural(emails.emails, 'email')} (${emails.windowDays} days) were negative`, { ...emails });
  }
  if (deal.championLastActiveAt !== null) {
    const silent = wholeDays(now - deal.championLastActiveAt);
    if (silent >= settings.championSilentDays) {
      flag('champion-silent', `Champion silent for ${plural(silent, 'day')}`, { daysSilent: silent, championLastActiveAt: deal.championLastActiveAt, thresholdDays: settings.championSilentDays });
    }
  }
  return flags;
}
