import { z } from 'zod';
import { HubProblem } from '../../core/http/problem-details.filter';
import { decodeCursor, pageFooter, pageInfo, pageInputShape, pageOutputShape } from '../../core/mcp/mcp-page';
import { defineMcpTool, type HubMcpTool, McpToolError, READ_ONLY_LOOKUP } from '../../core/mcp/mcp-tool';
import type { ForecastingService } from './forecasting.service';

/** Lists inside one answer (breakdowns, aging and stalled deals) stop here and say how many they left out. */
const LIST_CAP = 10;
const money = (value: number) => `€${Math.round(value).toLocaleString('en')}`;

const period = z.object({
  key: z.string(), expected: z.number(), p10: z.number(), p50: z.number(), p90: z.number(), booked: z.number(),
  quota: z.object({ amount: z.number(), probabilityToReach: z.number() }).optional(),
});
const flag = z.object({ code: z.string(), phrase: z.string(), weight: z.number(), evidence: z.record(z.string(), z.unknown()) });
const run = z.object({ id: z.number(), asOf: z.string(), modelVersion: z.string(), openDeals: z.number() });

/** The service's refusals (no run yet, unknown deal, bad quota) become answers the model can act on. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HubProblem && error.status < 500) throw new McpToolError(error.message);
    throw error;
  }
}

function capped<T>(items: readonly T[]): { items: T[]; total: number; truncated: boolean } {
  return { items: items.slice(0, LIST_CAP), total: items.length, truncated: items.length > LIST_CAP };
}

/** Forecasting for assistants: the revenue forecast with its track record, pipeline health, risky deals, one deal's odds. */
export function forecastingTools(forecasting: ForecastingService): HubMcpTool[] {
  const forecastRevenue = defineMcpTool({
    name: 'forecast_revenue',
    title: 'Revenue forecast',
    description: 'The revenue forecast in EUR for the next four quarters (and their months): expected value with a P10-P90 range from a Monte Carlo simulation over open deals and subscriptions, the forecast categories (commit, best case, pipeline), and the backtest: how accurate past forecasts were (MAPE, share of actuals inside P10-P90). Pass quotas to get the probability of reaching each.',
    scope: 'read',
    subjectType: 'forecast',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({
      quotas: z.array(z.object({ period: z.string().max(10).describe('2026-Q1 or 2026-03'), amount: z.number() })).max(16).optional(),
      include_months: z.boolean().default(false).describe('Also return the twelve months.'),
    }),
    outputSchema: z.object({
      run, currency: z.string(), quarters: z.array(period), months: z.array(period).optional(),
      categories: z.array(z.object({ category: z.string(), dealCount: z.number(), expectedByQuarter: z.array(z.number()) })),
      backtest: z.object({ mape: z.number().nullable(), coverage: z.number().nullable(), quarters: z.number() }).nullable(),
      backtestUnavailable: z.string().optional(), warnings: z.array(z.string()),
    }),
    async handler(input) {
      const quotas = (input.quotas ?? []).map((q) => `${q.period}:${q.amount}`);
      const view = await refusing(() => forecasting.forecast(quotas));
      const strip = ({ key, expected, p10, p50, p90, booked, quota }: (typeof view.quarters)[number]) => ({ key, expected, p10, p50, p90, booked, ...(quota ? { quota } : {}) });
      const backtest = view.backtest && { mape: view.backtest.mape, coverage: view.backtest.coverage, quarters: view.backtest.rows.length };
      const lines = view.quarters.map((q) => `${q.key}: expected ${money(q.expected)} (P10 ${money(q.p10)} – P90 ${money(q.p90)})${q.quota ? `, ${(100 * q.quota.probabilityToReach).toFixed(0)}% chance to reach ${money(q.quota.amount)}` : ''}`);
      const track = backtest
        ? `Backtest over ${backtest.quarters} past quarters: MAPE ${backtest.mape === null ? 'n/a' : `${(100 * backtest.mape).toFixed(1)}%`}, ${backtest.coverage === null ? 'n/a' : `${(100 * backtest.coverage).toFixed(0)}%`} of actuals inside P10-P90.`
        : `No backtest: ${view.backtestUnavailable ?? 'not enough history'}.`;
      return {
        structured: {
          run: { id: view.run.id, asOf: view.run.asOf, modelVersion: view.run.modelVersion, openDeals: view.run.openDeals }, currency: view.currency,
          quarters: view.quarters.map(strip), ...(input.include_months ? { months: view.months.map(strip) } : {}),
          categories: view.categories.map((c) => ({ category: c.category, dealCount: c.dealCount, expectedByQuarter: c.expectedByQuarter })),
          backtest, ...(view.backtestUnavailable ? { backtestUnavailable: view.backtestUnavailable } : {}), warnings: view.warnings,
        },
        text: [`Forecast as of ${view.run.asOf} (${view.run.openDeals} open deals, ${view.run.modelVersion}), EUR:`, ...lines, track].join('\n'),
      };
    },
  });

  const pipelineHealth = defineMcpTool({
    name: 'pipeline_health',
    title: 'Pipeline health',
    description: 'Pipeline health in EUR: open pipeline and its weighted value, coverage against a quota (if given), stage-to-stage conversion and days in stage, win rate, cycle length, aging and stalled deals, concentration in the largest deals, each metric with its change over 90 days. Use it to judge whether the pipeline can carry the target.',
    scope: 'read',
    subjectType: 'forecast',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({ quota: z.object({ period: z.string().max(10), amount: z.number() }).optional().describe('The quota to measure coverage against.') }),
    outputSchema: z.object({
      run, trend: z.array(z.object({ metric: z.string(), current: z.number().nullable(), previous: z.number().nullable(), change: z.number().nullable() })),
      coverage: z.record(z.string(), z.unknown()).nullable(),
      aging: z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number(), truncated: z.boolean() }),
      stalled: z.object({ items: z.array(z.record(z.string(), z.unknown())), total: z.number(), truncated: z.boolean() }),
    }),
    async handler(input) {
      const view = await refusing(() => forecasting.pipelineHealth(input.quota ? `${input.quota.period}:${input.quota.amount}` : undefined));
      const shown = (value: number | null) => (value === null ? 'n/a' : Number.isInteger(value) ? String(value) : value.toFixed(3));
      const lines = view.trend.map((t) => `${t.metric}: ${shown(t.current)} (90 days ago ${shown(t.previous)})`);
      return {
        structured: {
          run: { id: view.run.id, asOf: view.run.asOf, modelVersion: view.run.modelVersion, openDeals: view.run.openDeals }, trend: view.trend,
          coverage: view.coverage, aging: capped(view.aging), stalled: capped(view.stalled),
        },
        text: [`Pipeline health as of ${view.run.asOf}:`, ...lines].join('\n'),
      };
    },
  });

  const dealRisks = defineMcpTool({
    name: 'deal_risks',
    title: 'Deals at risk',
    description: 'Open deals with risk flags (no recent activity, past the close date, pushed repeatedly, single-threaded, no decision maker, stage regression, champion silent), each with its evidence, ranked by revenue at risk in EUR, largest first. Use it to decide which deals need attention.',
    scope: 'read',
    subjectType: 'deal',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({ ...pageInputShape }),
    outputSchema: z.object({
      items: z.array(z.object({ dealId: z.number(), name: z.string().optional(), amount: z.number(), winProbability: z.number(), revenueAtRisk: z.number(), flags: z.array(flag) })),
      ...pageOutputShape,
    }),
    async handler(input) {
      const offset = decodeCursor(input.cursor);
      const view = await refusing(() => forecasting.risks(offset, input.limit));
      const page = pageInfo(view.total, offset, view.items.length);
      const items = view.items.map(({ dealId, name, amount, winProbability, revenueAtRisk, flags }) => ({ dealId, ...(name ? { name } : {}), amount, winProbability, revenueAtRisk, flags }));
      const lines = items.map((d) => `- #${d.dealId}${d.name ? ` ${d.name}` : ''}: ${money(d.revenueAtRisk)} at risk of ${money(d.amount)} (p=${d.winProbability.toFixed(2)}): ${d.flags.map((f) => f.phrase).join('; ')}`);
      return { structured: { items, ...page }, text: [...lines, pageFooter(page, 'deals at risk')].join('\n') };
    },
  });

  const predictDeal = defineMcpTool({
    name: 'predict_deal',
    title: 'Predict a deal',
    description: 'The probability that an open deal is won, calibrated, with how much to trust it, the factors behind it in plain words (signed contributions in log-odds that add up with the base to the prediction) and its risk flags. Use it when someone asks how likely a deal is to close and why.',
    scope: 'read',
    subjectType: 'deal',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({ deal_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('The deal to predict.') }),
    outputSchema: z.object({
      dealId: z.number(), stage: z.string(), probability: z.number(), confidence: z.number(), confidenceLevel: z.string(), method: z.string(),
      modelVersion: z.string(), baseLogOdds: z.number(), amount: z.number(), asOf: z.string(),
      factors: z.array(z.object({ feature: z.string(), phrase: z.string(), contribution: z.number() })), risks: z.array(flag),
    }),
    async handler(input) {
      const view = await refusing(() => forecasting.prediction(input.deal_id));
      const factors = view.factors.map(({ feature, phrase, contribution }) => ({ feature, phrase, contribution }));
      const lines = factors.slice(0, 8).map((f) => `${f.contribution >= 0 ? '+' : ''}${f.contribution.toFixed(2)}  ${f.phrase}`);
      const { dealId, stage, probability, confidence, confidenceLevel, method, modelVersion, baseLogOdds, amount, asOf, risks } = view;
      return {
        structured: { dealId, stage, probability, confidence, confidenceLevel, method, modelVersion, baseLogOdds, amount, asOf, factors, risks },
        text: [`Deal ${dealId} (${stage}, ${money(amount)}): ${(100 * probability).toFixed(0)}% to win, ${confidenceLevel} confidence (${method} ${modelVersion}).`,
          ...lines, risks.length > 0 ? `Risks: ${risks.map((r) => r.phrase).join('; ')}.` : 'No risk flags.'].join('\n'),
      };
    },
  });

  return [forecastRevenue, pipelineHealth, dealRisks, predictDeal] as unknown as HubMcpTool[];
}
