/** Open pipeline of one currency: amounts are never summed across currencies. */
export interface PipelineByCurrency {
  currency: string;
  amount: number;
  deals: number;
}

/** Won against lost deals closed in a window; `rate` is null when none closed. */
export interface WinRateView {
  won: number;
  lost: number;
  rate: number | null;
  from: string;
  to: string;
}

/** Contacts created in the data's current calendar month (UTC) against the month before. */
export interface NewLeadsView {
  thisMonth: number;
  lastMonth: number;
  /** First instant of the current month, e.g. `2026-10-01T00:00:00.000Z`. */
  monthStart: string;
  lastMonthStart: string;
}

export interface TopLeadView {
  contactId: number;
  name: string;
  companyName: string | null;
  score: number;
  recommendation: string;
  modelVersion: string;
}

/** A bin of stored lead scores: `lower` ≤ score < `upper` (the last bin includes 100). */
export interface ScoreBinView {
  lower: number;
  upper: number;
  count: number;
}

/** A KPI whose capability has not landed: the dashboard says so instead of showing a number. */
export interface UnavailableKpi {
  available: false;
  capability: string;
  reason: string;
}

/** `GET /api/overview`: the KPIs the hub can compute today, read-only. */
export interface OverviewView {
  /** The data's end: its latest event, never later than the clock. Windows are measured back from it. */
  asOf: string;
  openPipeline: PipelineByCurrency[];
  winRate90d: WinRateView;
  newLeads: NewLeadsView;
  topLeads: TopLeadView[];
  /** Ten bins of the open leads' stored scores. */
  leadScoreDistribution: ScoreBinView[];
  scoredLeads: number;
  /** Filled in by the forecasting capability; until then, unavailable. */
  expectedRevenueThisQuarter: UnavailableKpi;
  atRiskAccounts: UnavailableKpi;
}

/** Amount won in one currency: amounts are never summed across currencies. */
export interface AmountByCurrency {
  currency: string;
  amount: number;
}

/** One UTC calendar month of the trends; the data's last month runs only to `asOf`. */
export interface TrendMonthView {
  /** First instant of the month, e.g. `2026-10-01T00:00:00.000Z`. */
  month: string;
  /** Contacts created in the month (as the new-leads KPI counts them). */
  newLeads: number;
  /** Deals closed in the month, by `closed_at`. */
  won: number;
  lost: number;
  /** won / (won + lost); null when none closed. */
  winRate: number | null;
  /** Won deals' amounts per currency, largest first; currencies with nothing won are left out. */
  wonAmount: AmountByCurrency[];
}

/** `GET /api/overview/trends`: the last twelve months of the data, oldest first, ending with the month holding `asOf`. */
export interface OverviewTrendsView {
  asOf: string;
  months: TrendMonthView[];
  /** Every currency that appears in `wonAmount`, by total won, largest first. */
  currencies: string[];
}

export const OVERVIEW_TREND_MONTHS = 12;
