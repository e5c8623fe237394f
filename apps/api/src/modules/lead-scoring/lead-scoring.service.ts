import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type JobView, type LeadFactor, type LeadListPage, type LeadScore, type LeadModelRegistryView, QUEUES, type ScoreLeadRequest, type ScoreLeadResponse,
  type StoredLeadScoreView, type TrainLeadModelJobData,
} from '@hub/contracts';
import { LEAD_MODEL_KIND, LeadNotScorableError, sufficiencyReason } from '@hub/lead-scoring';
import type { DataSource } from 'typeorm';
import { ExpiringValue } from '../../core/cache/expiring-value';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { HubProblem } from '../../core/http/problem-details.filter';
import { JobsService } from '../../core/queue/jobs.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { LeadPercentiles } from './lead-percentiles';
import { LeadScoreFreshness } from './lead-score.freshness';
import type { LeadListQuery } from './lead-score.store';
import { type ActiveScorer, LeadScoringEngine, scoreSnapshot } from './lead-scoring.engine';
import { SCORE_LEADS_JOB, type ScoreLeadsJobData } from './score-leads.job';
import { StoredScoreCache } from './stored-score.cache';

/**
 * How long the data's end and the rules' sufficiency are reused between requests: both take a scan
 * of the activities, and neither moves by more than the CRM's last few seconds in that time.
 */
const CACHE_MS = 30_000;
/**
 * How long the active model is reused between requests: a version trained or rolled back by
 * another process is picked up within this time, or as soon as the batch rescore that follows it
 * is announced (a `derived` `lead-score` event); this process's own rollbacks at once.
 */
const MODEL_CACHE_MS = 2_000;

/** Phrases in the seed's `factors`: the strongest few, skipping those too small to be a reason. */
export function factorPhrases(factors: readonly LeadFactor[], max = 5): string[] {
  const strong = factors.filter((f, index) => index === 0 || Math.abs(f.contribution) >= 0.05);
  return strong.slice(0, max).map((f) => f.label);
}

@Injectable()
export class LeadScoringService {
  readonly engine: LeadScoringEngine;
  private readonly percentiles: LeadPercentiles;
  private readonly storedScores: StoredScoreCache;
  private readonly dataEndCache = new ExpiringValue(() => this.engine.loader.dataEnd(), CACHE_MS);
  private readonly rulesCache = new ExpiringValue(() => this.engine.activeScorer(), CACHE_MS);
  private readonly modelCache = new ExpiringValue(async (): Promise<ActiveScorer | null> => {
    const active = await this.engine.registry.activeModel();
    return active ? { method: 'model', ...active } : null;
  }, MODEL_CACHE_MS);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly webhooks: WebhooksService,
    private readonly freshness: LeadScoreFreshness,
  ) {
    this.engine = new LeadScoringEngine(dataSource);
    this.percentiles = new LeadPercentiles(() => this.engine.scores.openLeadProbabilities());
    this.storedScores = new StoredScoreCache((contactId) => this.engine.scores.current(contactId));
    // A batch rescore follows every new model version (and rollback): pick both up at once.
    freshness.onRescored((contactIds) => {
      this.percentiles.invalidate();
      this.modelCache.invalidate();
      this.storedScores.forget(contactIds);
    });
    // A contact a change event names is not answered from memory either: its mark stops any reuse
    // (isCurrent), and the recompute then remembers the new score in place of the old one.
  }

  async registry(): Promise<LeadModelRegistryView> {
    const [versions, sufficiency] = await Promise.all([this.engine.registry.versions(), this.engine.sufficiency()]);
    const active = versions.find((v) => v.status === 'active') ?? null;
    return { kind: LEAD_MODEL_KIND, method: active ? 'model' : 'rules', active, versions, sufficiency };
  }

  train(requestedBy: string): Promise<JobView> {
    const data: TrainLeadModelJobData = { requestedBy };
    return this.jobs.submit(QUEUES.training, 'train-lead-model', data, { attempts: 2, backoff: { type: 'exponential', delay: 5000 } });
  }

  /** Activates an older version and queues a rescore with it (when the queue is up; the rollback stands either way). */
  async rollback(version: number | undefined, requestedBy: string): Promise<LeadModelRegistryView & { rescore_job: JobView | null }> {
    await this.engine.registry.rollback(version);
    this.storedScores.clear();
    this.rulesCache.invalidate();
    this.modelCache.invalidate();
    let rescoreJob: JobView | null = null;
    if (await this.jobs.isRedisUp()) {
      const data: ScoreLeadsJobData = { requestedBy, reason: 'rollback' };
      rescoreJob = await this.jobs.submit(QUEUES.scoring, SCORE_LEADS_JOB, data, { attempts: 2 });
    }
    return { ...(await this.registry()), rescore_job: rescoreJob };
  }

  listLeads(query: LeadListQuery): Promise<LeadListPage> {
    return this.engine.scores.list(query);
  }

  /** `GET /api/leads/:contactId`: the stored score with its factors, read as it is (no rescoring, no audit row). */
  async storedScore(contactId: number): Promise<StoredLeadScoreView> {
    const { contact, score } = await this.engine.scores.stored(contactId);
    if (!contact) throw new HubProblem(404, 'contact-not-found', `No contact ${contactId} exists in the hub.`, { contact_id: contactId });
    if (!score) {
      throw new HubProblem(404, 'lead-score-not-found',
        `Contact ${contactId} has no stored score yet: train a lead model, or score it with POST /api/mcp/score-lead.`, { contact_id: contactId });
    }
    const percentile = await this.percentiles.of(score.probability);
    return {
      score: score.score, confidence: score.confidence, factors: factorPhrases(score.factors), recommendation: score.recommendation,
      contact_id: contactId, probability: score.probability, percentile, confidence_level: score.confidence_level,
      factor_details: score.factors, base_logit: score.base_logit, method: score.method, model_version: score.model_version,
      as_of: score.as_of, scored_at: score.scored_at,
    };
  }

  /**
   * `POST /api/mcp/score-lead`: the contact's score as it stands now, explained. A stored score is
   * the answer while it is current (same model version, same data end, no change to the contact
   * heard since: LeadScoreFreshness); otherwise the contact is scored afresh and the score stored.
   * A score focused on a deal is always computed (only the contact's own score is stored).
   */
  async scoreLead(request: ScoreLeadRequest): Promise<ScoreLeadResponse> {
    const contactId = request.contact_id;
    const dealId = request.deal_id ?? undefined;
    if (dealId === undefined) {
      const [stored, scorer, at] = await Promise.all([this.storedScores.current(contactId), this.scorer(), this.dataEnd()]);
      if (stored && this.isCurrent(stored.score, stored.scoredAt, scorer, at)) {
        const [percentile] = await Promise.all([this.percentiles.of(stored.score.probability), this.announce(stored.score, stored.scoredAt)]);
        return scoreLeadResponse(stored.score, scorer, percentile, stored.scoredAt);
      }
    }
    const mark = this.freshness.markOf(contactId);
    const [[snapshot], scorer, at] = await Promise.all([this.engine.loader.load([contactId]), this.scorer(), this.dataEnd()]);
    if (!snapshot) throw new HubProblem(404, 'contact-not-found', `No contact ${contactId} exists in the hub.`, { contact_id: contactId });
    if (dealId !== undefined && !snapshot.deals.some((deal) => deal.id === dealId)) await this.refuseDeal(contactId, dealId);

    let score;
    try {
      score = scoreSnapshot(scorer, snapshot, at, dealId);
    } catch (error) {
      if (!(error instanceof LeadNotScorableError) || scorer.method !== 'rules') throw error;
      throw new HubProblem(422, 'lead-not-scorable',
        `Contact ${contactId} cannot be scored yet: no lead model is trained (${sufficiencyReason(scorer.sufficiency)}), and the rules cannot judge it: ${error.message}. A score now would be made up.`,
        { contact_id: contactId, sufficiency: scorer.sufficiency });
    }
    const scoredAt = new Date();
    // Independent round trips, sent together: the percentile, and (for the contact's own score, not
    // one focused on a deal) storing it and announcing it to the CRM.
    const [percentile] = await Promise.all([
      this.percentiles.of(score.probability),
      dealId === undefined
        ? this.engine.scores.upsert([score], scoredAt).then(() => {
          this.freshness.recomputed(contactId, mark);
          this.storedScores.remember({ score, scoredAt });
        })
        : undefined,
      dealId === undefined ? this.announce(score, scoredAt) : undefined,
    ]);
    return scoreLeadResponse(score, scorer, percentile, scoredAt, dealId);
  }

  /**
   * A stored score is current when the same model would give it now from the same data. Rules
   * scores are always recomputed: their base rate moves with the labelled leads, not with the contact.
   */
  private isCurrent(score: LeadScore, scoredAt: Date, scorer: ActiveScorer, at: number): boolean {
    return scorer.method === 'model' && score.model_version === scorer.model.version && Date.parse(score.as_of) === new Date(at).getTime()
      && this.freshness.mayReuse(score.contact_id, scoredAt);
  }

  /** Tells the CRM's webhooks about the contact's score (every answer announces, stored or fresh). */
  private announce(score: LeadScore, scoredAt: Date): Promise<number> {
    return this.webhooks.emit('lead.scored', {
      contact_id: score.contact_id, score: score.score, probability: score.probability, confidence: score.confidence,
      recommendation: score.recommendation, model_version: score.model_version, scored_at: scoredAt.toISOString(),
    });
  }

  private async refuseDeal(contactId: number, dealId: number): Promise<never> {
    const rows: { contact_id: string | null }[] = await this.dataSource.query(
      `SELECT contact_id FROM ${hubSchemaOf(this.dataSource)}.deals WHERE id = $1`, [dealId]);
    if (rows.length === 0) throw new HubProblem(404, 'deal-not-found', `No deal ${dealId} exists in the hub.`, { deal_id: dealId });
    const owner = rows[0]!.contact_id;
    throw new HubProblem(422, 'deal-not-of-contact',
      `Deal ${dealId} does not belong to contact ${contactId}: ${owner === null ? 'it has no contact' : `its contact is ${owner}`}.`,
      { contact_id: contactId, deal_id: dealId });
  }

  private async scorer(): Promise<ActiveScorer> {
    return (await this.modelCache.get()) ?? this.rulesCache.get();
  }

  private dataEnd(): Promise<number> {
    return this.dataEndCache.get();
  }
}

/** The seed's answer (score, confidence, factors, recommendation) and the hub's extra fields. */
function scoreLeadResponse(score: LeadScore, scorer: ActiveScorer, percentile: number | null, scoredAt: Date, dealId?: number): ScoreLeadResponse {
  return {
    score: score.score,
    confidence: score.confidence,
    factors: factorPhrases(score.factors),
    recommendation: score.recommendation,
    contact_id: score.contact_id,
    ...(dealId === undefined ? {} : { deal_id: dealId }),
    probability: score.probability,
    percentile,
    confidence_level: score.confidence_level,
    factor_details: score.factors,
    base_logit: score.base_logit,
    method: score.method,
    model_version: score.model_version,
    as_of: score.as_of,
    scored_at: scoredAt.toISOString(),
    ...(scorer.method === 'rules' ? { note: `Scored by the documented rules: ${sufficiencyReason(scorer.sufficiency)}.` } : {}),
  };
}
