import type { DealWinSufficiencyView, ModelVersionView, TrainDealWinResult } from '@hub/contracts';
import {
  buildDealExamples, DEAL_WIN_MODEL_KIND, dealContext, dealDataSufficiency, dealSufficiencyReason, emptyDealExampleCounts, FIRST_SAMPLE_DAYS,
  InsufficientDealDataError, OUTCOME_HORIZON_DAYS, SAMPLE_AGES_DAYS, trainDealWinModel, type DealDataSufficiency, type DealSnapshot,
  type DealWinModel,
} from '@hub/deal-win';
import type { DataSource } from 'typeorm';
import { JobCancelledError } from '../../core/queue/job-cancellation';
import { LeadModelRegistry } from '../lead-scoring/lead-model.registry';
import { labelledDealCounts } from './deal-history.queries';
import { DealSnapshotLoader } from './deal-snapshot.loader';
import { dealsWithKnownCurrency } from './reporting-currency';

export interface ProgressOptions {
  onProgress?: (percent: number, message: string) => Promise<void> | void;
  signal?: AbortSignal;
  jobId?: string;
}

export function sufficiencyView(s: DealDataSufficiency): DealWinSufficiencyView {
  return { ...s, reason: dealSufficiencyReason(s) };
}

/**
 * Deal-win models over the store, without Nest (the jobs, REST and the CLI share it): sufficiency,
 * the active model, and training on every labelled deal. The registry is lead scoring's, for kind `deal-win`.
 */
export class DealWinEngine {
  readonly loader: DealSnapshotLoader;
  readonly registry: LeadModelRegistry;

  constructor(private readonly dataSource: DataSource, readonly rates: Readonly<Record<string, number>>) {
    this.loader = new DealSnapshotLoader(dataSource);
    this.registry = new LeadModelRegistry(dataSource, DEAL_WIN_MODEL_KIND);
  }

  async sufficiency(dataEnd?: number): Promise<DealDataSufficiency> {
    const { closedDeals, wins } = await labelledDealCounts(this.dataSource, dataEnd ?? (await this.loader.dataEnd()));
    return dealDataSufficiency(closedDeals, wins);
  }

  async activeModel(): Promise<{ view: ModelVersionView; model: DealWinModel } | null> {
    return this.registry.activeModel();
  }

  /** Every deal whose currency has a rate, page by page; the others are counted per currency. */
  async loadDeals(options: ProgressOptions = {}, from = 0, to = 100): Promise<{ snapshots: DealSnapshot[]; skipped: Record<string, number> }> {
    const snapshots: DealSnapshot[] = [];
    const skipped: Record<string, number> = {};
    const n = await this.loader.countDeals();
    for await (const ids of this.loader.dealIdPages('all')) {
      this.checkCancelled(options);
      const page = dealsWithKnownCurrency(await this.loader.load(ids), this.rates);
      snapshots.push(...page.kept);
      for (const [code, count] of Object.entries(page.skipped)) skipped[code] = (skipped[code] ?? 0) + count;
      await options.onProgress?.(from + ((to - from) * (snapshots.length + Object.values(skipped).reduce((a, b) => a + b, 0))) / Math.max(1, n),
        `loaded ${snapshots.length.toLocaleString('en')} of ${n.toLocaleString('en')} deals`);
    }
    return { snapshots, skipped };
  }

  /**
   * Trains on every labelled deal (each seen as it stood while open), registers the model as the
   * active version. With too little data nothing is registered: the stage rules keep predicting.
   * Progress: 0-50 loading, 50-60 labelling, 60-95 training, 95-100 registering.
   */
  async train(trainedBy: string | null, options: ProgressOptions = {}): Promise<Omit<TrainDealWinResult, 'recomputeJobId'>> {
    const started = performance.now();
    const report = async (percent: number, message: string) => options.onProgress?.(percent, message);
    const dataEnd = await this.loader.dataEnd();
    await report(1, `data ends ${new Date(dataEnd).toISOString()}`);
    const counted = await this.sufficiency(dataEnd);
    const done = (outcome: 'model' | 'rules', version: ModelVersionView | null, sufficiency: DealDataSufficiency, skipped: Record<string, number>, reason?: string) => ({
      outcome, version, sufficiency: sufficiencyView(sufficiency), ...(reason ? { reason } : {}), skippedCurrencies: skipped,
      durationMs: Math.round(performance.now() - started),
    });
    if (!counted.sufficient) return done('rules', null, counted, {}, dealSufficiencyReason(counted));

    const { snapshots, skipped } = await this.loadDeals(options, 1, 50);
    const context = dealContext(snapshots, { rates: this.rates });
    const counts = emptyDealExampleCounts();
    const examples = buildDealExamples(snapshots, { dataEnd, context }, counts);
    this.checkCancelled(options);
    await report(60, `training on ${counts.labelled.toLocaleString('en')} closed deals (${counts.wins.toLocaleString('en')} won), ${examples.length.toLocaleString('en')} rows`);
    let trained;
    try {
      trained = trainDealWinModel(examples, { trainedAt: new Date().toISOString() });
    } catch (error) {
      if (!(error instanceof InsufficientDealDataError)) throw error;
      return done('rules', null, error.sufficiency, skipped, dealSufficiencyReason(error.sufficiency));
    }
    this.checkCancelled(options);
    await report(95, `registering (held-out ROC AUC ${trained.metrics.test.rocAuc?.toFixed(3) ?? 'n/a'})`);
    const version = await this.registry.registerVersion(trained, {
      from: trained.window.from, to: trained.window.to, data_end: new Date(dataEnd).toISOString(),
      horizon_days: OUTCOME_HORIZON_DAYS, qualification_days: FIRST_SAMPLE_DAYS, sample_ages_days: [...SAMPLE_AGES_DAYS],
      wins: trained.sufficiency.wins, closed_deals: trained.sufficiency.closedDeals, rates: this.rates,
    }, trainedBy);
    return done('model', version, trained.sufficiency, skipped);
  }

  checkCancelled(options: ProgressOptions): void {
    if (options.signal?.aborted) throw new JobCancelledError(options.jobId ?? 'deal-win training');
  }
}
