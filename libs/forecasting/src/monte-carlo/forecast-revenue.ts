import { buildHorizon } from '../calendar/periods';
import type { ForecastState } from '../deal-state';
import { ForecastInputError } from '../forecast-error';
import { DEFAULT_SLIPPAGE_SETTINGS, learnSlippage } from '../slippage/learn-slippage';
import { planDeals } from './deal-plan';
import { DEFAULT_CATEGORY_RULE } from './forecast-categories';
import { forecastBreakdowns } from './forecast-breakdowns';
import type { ForecastOptions, RevenueForecast } from './forecast-types';
import { checkQuotas, summarizePeriods } from './period-summary';
import { planRecurringRevenue } from './recurring-revenue';
import { simulateHorizon } from './simulate-horizon';
import { pastErrorShockSd } from './past-forecast-errors';
import { learnWinRateShock, shockLevels } from './win-rate-shock';

const DEFAULT_BUDGET = 20_000_000;

/**
 * Revenue forecast for the coming quarters by Monte Carlo: each open deal is won with its
 * probability and closes at a time drawn from the slippage learned from history (deals drawn past
 * the horizon do not count); running subscriptions pay until their customer churns; deals already
 * won inside the horizon are booked as they are.
 */
export function forecastRevenue(state: ForecastState, options: ForecastOptions = {}): RevenueForecast {
  const simulations = options.simulations ?? 10_000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(simulations) || simulations < 10) throw new ForecastInputError('invalid-input', `simulations must be an integer ≥ 10 (got ${simulations})`);
  if (!Number.isFinite(state.now)) throw new ForecastInputError('invalid-input', 'The forecast moment (now) is not a time');
  const quarters = options.quarters ?? 4;
  if (!Number.isInteger(quarters) || quarters < 1 || quarters > 12) throw new ForecastInputError('invalid-input', `quarters must be an integer from 1 to 12 (got ${quarters})`);
  const horizon = buildHorizon(state.now, quarters);
  checkQuotas(options.quotas ?? {}, horizon);
  const subscriptions = state.subscriptions ?? [];
  if (state.openDeals.length === 0 && subscriptions.length === 0) {
    throw new ForecastInputError('insufficient-history', 'Nothing to forecast from: there are no open deals and no subscriptions', ['open deals or subscriptions']);
  }
  const slippage = learnSlippage(state.history, options.slippage ?? DEFAULT_SLIPPAGE_SETTINGS);
  if (state.openDeals.length > 0 && slippage.wonDealsUsed === 0) {
    throw new ForecastInputError(
      'insufficient-history',
      'No won deal with its stage history closed before the forecast date, so when open deals will close cannot be learned',
      ['closed-won deals with stage history (stage entry times and close dates)'],
    );
  }
  const months = horizon.months.length;
  const plan = planDeals(state.openDeals, slippage, state.now, horizon.boundaries);
  const recurring = planRecurringRevenue(state, horizon);
  // Deals of one period share part of their fate (market, calibration error): one log-odds shift per simulation.
  const pastError = pastErrorShockSd(options.pastErrors ?? [], state.now, plan.amounts, plan.winProbability);
  const winRateShock = learnWinRateShock(state.history, state.now, options.winRateShock ?? 'learned', plan.winProbability, state.winProbabilityLevelSd ?? 0, pastError);
  const simulated = simulateHorizon(plan, recurring, simulations, seed, options.exactSimulationBudget ?? DEFAULT_BUDGET, shockLevels(winRateShock.logOddsSd));

  const booked = new Float64Array(months);
  for (const deal of state.history) {
    if (!deal.won || deal.closedAt > state.now) continue;
    const m = horizon.months.findIndex((p) => deal.closedAt >= p.start && deal.closedAt < p.end);
    if (m >= 0) booked[m] += deal.amount;
  }
  const newBusiness = new Float64Array(months);
  for (let i = 0; i < plan.monthProbability.length; i++) newBusiness[i % months] += plan.amounts[Math.floor(i / months)]! * plan.monthProbability[i]!;
  const recurringExpected = new Float64Array(months);
  for (const c of recurring.customers) for (let m = 0; m < months; m++) recurringExpected[m] += c.revenue[m]! * c.alive[m]!;

  const periods = summarizePeriods(simulated.sums, simulations, horizon, { booked, newBusiness, recurring: recurringExpected }, options.quotas ?? {}, options.keepDistribution ?? false);
  const warnings = [...slippage.warnings];
  if (plan.sources['beyond-history'] > 0) {
    warnings.push(`${plan.sources['beyond-history']} open deals are later than any won deal in history; their close time is counted from now with their stage's durations.`);
  }
  return {
    now: state.now,
    simulations,
    seed,
    ...periods,
    ...forecastBreakdowns(state.openDeals, plan, recurring, options.categoryRule ?? DEFAULT_CATEGORY_RULE),
    method: {
      exactDeals: simulated.exactDeals,
      approximatedDeals: simulated.approximatedDeals,
      exactCustomers: simulated.exactCustomers,
      approximatedCustomers: simulated.approximatedCustomers,
      closeTimeSources: plan.sources,
      wonDealsInHistory: slippage.wonDealsUsed,
      churn: recurring.hazard,
      winRateShock,
    },
    warnings,
  };
}
