import { buildHorizon, type QuotaPeriod } from '@hub/forecasting';
import { HubProblem } from '../../core/http/problem-details.filter';

const QUOTA = /^(\d{4}-(?:Q[1-4]|(?:0[1-9]|1[0-2]))):(.*)$/;

/**
 * `quota=2026-Q1:500000` (repeatable): a period key of the horizon and an amount in the reporting
 * currency. Anything else is a 400 naming the value.
 */
export function parseQuotas(raw: string | string[] | undefined): Record<string, number> {
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const quotas: Record<string, number> = {};
  for (const value of values) {
    const match = QUOTA.exec(value.trim());
    if (!match) {
      throw new HubProblem(400, 'invalid-quota', `quota "${value}" must read PERIOD:AMOUNT, e.g. 2026-Q1:500000 or 2026-03:150000`, { parameter: 'quota', value });
    }
    const [, period, amountText] = match as unknown as [string, string, string];
    const amount = amountText.trim() === '' ? NaN : Number(amountText);
    if (!Number.isFinite(amount) || amount < 0) {
      throw new HubProblem(400, 'invalid-quota', `quota for ${period} must be a number ≥ 0 in EUR; got "${amountText}"`, { parameter: 'quota', period, value });
    }
    if (period in quotas) throw new HubProblem(400, 'invalid-quota', `quota for ${period} is given twice`, { parameter: 'quota', period });
    quotas[period] = amount;
  }
  return quotas;
}

/** The one quota pipeline health reads, as a period of the horizon holding `now`. */
export function quotaPeriod(raw: string | string[] | undefined, now: number): QuotaPeriod | undefined {
  const quotas = Object.entries(parseQuotas(raw));
  if (quotas.length === 0) return undefined;
  if (quotas.length > 1) throw new HubProblem(400, 'invalid-quota', 'pipeline health reads one quota; give quota once', { parameter: 'quota' });
  const [key, amount] = quotas[0]!;
  const horizon = buildHorizon(now);
  const period = [...horizon.months, ...horizon.quarters].find((p) => p.key === key);
  if (!period) {
    throw new HubProblem(400, 'invalid-quota',
      `quota period ${key} is outside the forecast horizon (${horizon.quarters[0]!.key} to ${horizon.quarters.at(-1)!.key})`, { parameter: 'quota', period: key });
  }
  return { key, start: period.start, end: period.end, amount };
}
