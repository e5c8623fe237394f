import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DeliverWebhookJobData, QUEUES } from '@hub/contracts';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { hubSchemaOf } from '../../core/database/hub-schema';
import type { JobHandler } from '../../core/queue/job-handler';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

/**
 * `DeliverWebhookJob`: POSTs one event to one webhook. Every try is logged; a failed try throws so
 * BullMQ retries it with exponential backoff, and the last one is logged as `failed`. The body is
 * the same bytes on every try (the receiver dedupes on its `id`).
 */
@Injectable()
export class DeliverWebhookJob implements JobHandler<DeliverWebhookJobData, { status: number }> {
  readonly queue = QUEUES.webhooks;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async run(job: Job<DeliverWebhookJobData>): Promise<{ status: number }> {
    const { webhookId, payload } = job.data;
    const schema = hubSchemaOf(this.dataSource);
    const hooks: { url: string; secret: string }[] = await this.dataSource.query(
      `SELECT url, secret FROM ${schema}.webhooks WHERE id = $1 AND deleted_at IS NULL`, [webhookId],
    );
    if (hooks.length === 0) return { status: 0 }; // removed since: nothing to deliver
    const { url, secret } = hooks[0]!;
    const body = JSON.stringify(payload);
    const attempt = job.attemptsMade + 1;
    const last = attempt >= (job.opts.attempts ?? 1);
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'syntroph-hub-webhooks',
          [SIGNATURE_HEADER]: signWebhookBody(secret, body),
          'x-hub-event': payload.type,
          'x-hub-delivery': payload.id,
        },
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (caught) {
      error = (caught as Error).cause ? `${(caught as Error).message}: ${((caught as Error).cause as Error).message}` : (caught as Error).message;
    }
    const outcome = error === undefined ? 'delivered' : last ? 'failed' : 'retrying';
    await this.dataSource.query(
      `INSERT INTO ${schema}.webhook_deliveries (webhook_id, event_id, event, attempt, status, response_status, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [webhookId, payload.id, payload.type, attempt, outcome, status ?? null, error ?? null, Math.round(performance.now() - started)],
    );
    if (error !== undefined) throw new Error(`Delivery to ${url} failed: ${error}`);
    return { status: status! };
  }
}
