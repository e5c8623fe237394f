import type { DataSufficiency, LeadScore, ModelVersionView, TrainLeadModelResult } from '@hub/contracts';
import {
  buildLeadExamples, dataSufficiency, emptyExampleCounts, extractLeadFeatures, HORIZON_DAYS, LeadNotScorableError, QUALIFICATION_DAYS,
  scoreFeatureRows, scoreLeadWithModel, scoreLeadWithRules, sufficiencyReason, trainLeadModel, type LeadExample, type LeadModel, type LeadSnapshot,
} from '@hub/lead-scoring';
import type { DataSource } from 'typeorm';
import { JobCancelledError } from '../../core/queue/job-cancellation';
import { LeadModelRegistry } from './lead-model.registry';
import { LeadScoreStore } from './lead-score.store';
import { type ContactIdRange, LeadSnapshotLoader, OPEN_LEAD_STAGES } from './lead-snapshot.loader';

/** What scores now: the active model, or the rules while data is insufficient or none is trained. */
export type ActiveScorer =
  | { readonly method: 'model'; readonly model: LeadModel; readonly view: ModelVersionView }
  | { readonly method: 'rules'; readonly baseRate: number; readonly sufficiency: DataSufficiency };

export interface ProgressOptions {
  onProgress?: (percent: number, message: string) => Promise<void> | void;
  signal?: AbortSignal;
  /** For the cancellation error's message. */
  jobId?: string;
  /** Told the contact ids of each page of scores once it is stored (for change events). */
  onScored?: (contactIds: number[]) => void;
}

/** Scores one snapshot with whatever scores now; LeadNotScorableError when the rules know nothing to go on. */
export function scoreSnapshot(scorer: ActiveScorer, snapshot: LeadSnapshot, at: number, focusDealId?: number): LeadScore {
  const options = focusDealId === undefined ? {} : { focusDealId };
  return scorer.method === 'model'
    ? scoreLeadWithModel(scorer.model, snapshot, at, options)
    : scoreLeadWithRules(snapshot, at, { ...options, baseRate: scorer.baseRate });
}

/**
 * Scores many snapshots at `at`: a model explains them in one batch (one encoding and prediction
 * pass); the rules go lead by lead, skipping leads they cannot judge.
 */
export function scoreSnapshots(scorer: ActiveScorer, snapshots: readonly LeadSnapshot[], at: number): { scores: LeadScore[]; skipped: number } {
  if (scorer.method === 'model') {
    return { scores: scoreFeatureRows(scorer.model, snapshots.map((s) => ({ contactId: s.contact.id, row: extractLeadFeatures(s, at) })), at), skipped: 0 };
  }
  const scores: LeadScore[] = [];
  let skipped = 0;
  for (const snapshot of snapshots) {
    try {
      scores.push(scoreSnapshot(scorer, snapshot, at));
    } catch (error) {
      if (!(error instanceof LeadNotScorableError)) throw error;
      skipped++;
    }
  }
  return { scores, skipped };
}

/** The rules' reference rate: the CRM's own conversion rate once 20 leads are labelled, else 10%. */
function rulesBaseRate(sufficiency: DataSufficiency): number {
  return sufficiency.labelled >= 20 && sufficiency.conversions > 0 ? sufficiency.conversions / sufficiency.labelled : 0.1;
}

/**
 * Lead scoring over the store, without Nest: the REST service, the jobs and the CLI share it.
 * Loads snapshots page by page, trains and registers models, and rescoring writes scores back.
 */
export class LeadScoringEngine {
  readonly loader: LeadSnapshotLoader;
  readonly registry: LeadModelRegistry;
  readonly scores: LeadScoreStore;

  constructor(dataSource: DataSource) {
    this.loader = new LeadSnapshotLoader(dataSource);
    this.registry = new LeadModelRegistry(dataSource);
    this.scores = new LeadScoreStore(dataSource);
  }

  async sufficiency(dataEnd?: number): Promise<DataSufficiency> {
    const { labelled, conversions } = await this.loader.labelCounts(dataEnd ?? (await this.loader.dataEnd()));
    return dataSufficiency(labelled, conversions);
  }

  async activeScorer(): Promise<ActiveScorer> {
    const active = await this.registry.activeModel();
    if (active) return { method: 'model', ...active };
    const sufficiency = await this.sufficiency();
    return { method: 'rules', baseRate: rulesBaseRate(sufficiency), sufficiency };
  }

  /**
   * Rescores every open lead at the data's end (or at `dataEnd`), or those of one id range (a shard
   * of a batch rescore), and stores the scores; leads the rules cannot judge are left unscored.
   */
  async rescoreOpenLeads(
    scorer: ActiveScorer, options: ProgressOptions = {}, pageSize = 2000, shard: { range?: ContactIdRange; dataEnd?: number } = {},
  ): Promise<{ scored: number; skipped: number }> {
    const dataEnd = shard.dataEnd ?? (await this.loader.dataEnd());
    const total = options.onProgress ? Math.max(1, await this.loader.countContacts('open-leads', dataEnd)) : 1;
    let scored = 0;
    let skipped = 0;
    // A pipeline: the next page loads and the last one is stored while this one is scored, so
    // PostgreSQL (reading, writing) and this process (scoring) work at the same time.
    const pages = this.loader.contactIdPages('open-leads', dataEnd, pageSize, shard.range);
    const loadNext = async () => {
      const next = await pages.next();
      return next.done ? null : this.loader.load(next.value);
    };
    let loading = loadNext();
    let storing: Promise<void> = Promise.resolve();
    try {
      for (let snapshots = await loading; snapshots; snapshots = await loading) {
        this.checkCancelled(options);
        loading = loadNext();
        loading.catch(() => undefined); // awaited next round; a failure here must not go unhandled meanwhile
        const page = scoreSnapshots(scorer, snapshots, dataEnd);
        await storing; // one page stored at a time: memory stays bounded, failures surface here
        this.checkCancelled(options);
        storing = this.scores.upsertBatch(page.scores, new Date()).then(() => options.onScored?.(page.scores.map((score) => score.contact_id)));
        storing.catch(() => undefined); // awaited next round or after the loop
        scored += page.scores.length;
        skipped += page.skipped;
        await options.onProgress?.(Math.min(100, (100 * (scored + skipped)) / total), `scored ${scored.toLocaleString('en')} of ${total.toLocaleString('en')} open leads`);
      }
    } catch (error) {
      // A failure or cancellation ends the run once the page being stored is in (or has failed too).
      await storing.catch(() => undefined);
      throw error;
    }
    await storing;
    return { scored, skipped };
  }

  /**
   * Rescores the given contacts that are open leads now, at the data's end, and stores their scores
   * (an import touched them). Contacts that are gone or no longer leads are left as they are.
   */
  async rescoreContacts(scorer: ActiveScorer, ids: readonly number[], pageSize = 2000): Promise<{ scores: LeadScore[]; skipped: number }> {
    const dataEnd = await this.loader.dataEnd();
    const scores: LeadScore[] = [];
    let skipped = 0;
    for (let start = 0; start < ids.length; start += pageSize) {
      const open = (await this.loader.load(ids.slice(start, start + pageSize))).filter((s) => OPEN_LEAD_STAGES.includes(s.contact.lifecycle_stage ?? ''));
      const page = scoreSnapshots(scorer, open, dataEnd);
      await this.scores.upsertBatch(page.scores, new Date());
      scores.push(...page.scores);
      skipped += page.skipped;
    }
    return { scores, skipped };
  }

  /**
   * Trains on every labelled lead, registers the model as the active version and rescores the open
   * leads with it (unless `rescore: false`). With too little data nothing is registered: the rules
   * keep scoring (and rescore).
   * Progress: 0-60 loading and labelling, 60-80 training, 80-100 rescoring.
   */
  async train(trainedBy: string | null, options: ProgressOptions & { rescore?: boolean } = {}): Promise<TrainLeadModelResult> {
    const started = performance.now();
    const report = async (percent: number, message: string) => options.onProgress?.(percent, message);
    const dataEnd = await this.loader.dataEnd();
    await report(1, `data ends ${new Date(dataEnd).toISOString()}`);
    const sufficiency = await this.sufficiency(dataEnd);
    // `rescore: false`: the caller rescores the open leads itself (a job splitting them into shards).
    const rescore = async () => (options.rescore === false ? { scored: 0 }
      : this.rescoreOpenLeads(await this.activeScorer(), { ...options, onProgress: (p, m) => report(80 + p / 5, m) }));
    const rescoreWithRules = async (reason: string): Promise<TrainLeadModelResult> => {
      const rescored = await rescore();
      return { outcome: 'rules', version: null, sufficiency, reason, rescored: rescored.scored, durationMs: Math.round(performance.now() - started) };
    };
    if (!sufficiency.sufficient) return rescoreWithRules(sufficiencyReason(sufficiency));

    const total = Math.max(1, await this.loader.countContacts('trainable', dataEnd));
    const counts = emptyExampleCounts();
    const examples: LeadExample[] = [];
    let seen = 0;
    for await (const ids of this.loader.contactIdPages('trainable', dataEnd)) {
      this.checkCancelled(options);
      examples.push(...buildLeadExamples(await this.loader.load(ids), { dataEnd }, counts));
      seen += ids.length;
      await report(1 + (59 * seen) / total, `labelled ${counts.labelled.toLocaleString('en')} leads (${counts.conversions.toLocaleString('en')} conversions)`);
    }
    await report(60, `training on ${examples.length.toLocaleString('en')} labelled leads`);
    const trained = trainLeadModel(examples, { trainedAt: new Date().toISOString() });
    this.checkCancelled(options);
    const version = await this.registry.register(trained, { trainedBy, dataEnd, horizonDays: HORIZON_DAYS, qualificationDays: QUALIFICATION_DAYS });
    await report(80, `registered ${version.label} (held-out ROC AUC ${trained.metrics.test.rocAuc?.toFixed(3) ?? 'n/a'}); rescoring open leads`);
    const rescored = await rescore();
    return { outcome: 'model', version, sufficiency: trained.sufficiency, rescored: rescored.scored, durationMs: Math.round(performance.now() - started) };
  }

  private checkCancelled(options: ProgressOptions): void {
    if (options.signal?.aborted) throw new JobCancelledError(options.jobId ?? 'lead-model training');
  }
}
