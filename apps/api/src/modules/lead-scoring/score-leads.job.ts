import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES } from '@hub/contracts';
import { RULES_VERSION } from '@hub/lead-scoring';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { JobContext, JobHandler } from '../../core/queue/job-handler';
import { AuditService } from '../audit/audit.service';
import { LeadScoringEngine } from './lead-scoring.engine';

export interface ScoreLeadsJobData {
  requestedBy: string;
  reason: string;
}

export interface ScoreLeadsResult {
  method: 'model' | 'rules';
  modelVersion: string;
  scored: number;
  skipped: number;
}

/** `ScoreLeadsJob`: rescores every open lead with what scores now (after a rollback, or on request). */
@Injectable()
export class ScoreLeadsJob implements JobHandler<ScoreLeadsJobData, ScoreLeadsResult> {
  readonly queue = QUEUES.scoring;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(job: Job<ScoreLeadsJobData>, context: JobContext): Promise<ScoreLeadsResult> {
    const started = performance.now();
    const engine = new LeadScoringEngine(this.dataSource);
    const scorer = await engine.activeScorer();
    const { scored, skipped } = await engine.rescoreOpenLeads(scorer, {
      onProgress: (percent, message) => context.report(percent, message), signal: context.signal, jobId: job.id,
    });
    const modelVersion = scorer.method === 'model' ? scorer.view.label : RULES_VERSION;
    await new AuditService(this.dataSource).recordQuietly({
      keyId: job.data.requestedBy, operation: 'lead.rescore', outcome: 'ok', subjectType: 'contact', modelVersion,
      durationMs: performance.now() - started, detail: { reason: job.data.reason, scored, skipped },
    });
    return { method: scorer.method, modelVersion, scored, skipped };
  }
}
