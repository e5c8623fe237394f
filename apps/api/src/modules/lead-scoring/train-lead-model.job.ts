import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUEUES, type TrainLeadModelJobData, type TrainLeadModelResult } from '@hub/contracts';
import { RULES_VERSION } from '@hub/lead-scoring';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HubEventsService } from '../../core/events/hub-events.service';
import type { JobContext, JobHandler } from '../../core/queue/job-handler';
import { AuditService } from '../audit/audit.service';
import { LeadScoringEngine } from './lead-scoring.engine';

/**
 * `TrainLeadModelJob`: trains a lead model on every labelled lead, registers it as the active
 * version and rescores the open leads, reporting progress all the way. A retry starts over: a
 * version is registered in one transaction, so at worst a retry registers a newer one.
 */
@Injectable()
export class TrainLeadModelJob implements JobHandler<TrainLeadModelJobData, TrainLeadModelResult> {
  readonly queue = QUEUES.training;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: HubEventsService,
  ) {}

  async run(job: Job<TrainLeadModelJobData>, context: JobContext): Promise<TrainLeadModelResult> {
    const started = performance.now();
    const rescored: number[] = [];
    const result = await new LeadScoringEngine(this.dataSource).train(job.data.requestedBy, {
      onProgress: (percent, message) => context.report(percent, message),
      signal: context.signal,
      jobId: job.id,
      onScored: (ids) => void rescored.push(...ids),
    });
    if (rescored.length > 0) await this.events.publish({ source: 'scoring', derived: { 'lead-score': rescored } });
    // Worker processes carry no audit module of their own; the service is a plain writer of rows.
    await new AuditService(this.dataSource).recordQuietly({
      keyId: job.data.requestedBy,
      operation: 'lead.model.train',
      outcome: 'ok',
      subjectType: 'model',
      modelVersion: result.version?.label ?? RULES_VERSION,
      durationMs: performance.now() - started,
      detail: { outcome: result.outcome, rescored: result.rescored, conversions: result.sufficiency.conversions, rocAuc: result.version?.metrics.test.rocAuc ?? null },
    });
    await context.report(100, result.outcome === 'model' ? `trained ${result.version!.label}` : `kept the rules: ${result.reason}`);
    return result;
  }
}
