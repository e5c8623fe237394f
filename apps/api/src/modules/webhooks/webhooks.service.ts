import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type CreateWebhookRequest, type DeliverWebhookJobData, QUEUES, WEBHOOK_EVENTS, type WebhookDeliveryView,
  type WebhookEvent, type WebhookView,
} from '@hub/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { HubProblem } from '../../core/http/problem-details.filter';
import { HubEventsService } from '../../core/events/hub-events.service';
import { JobsService } from '../../core/queue/jobs.service';
import { WebhookSubscribers } from './webhook-subscribers';

/** The `source` of the change event a webhook registration or removal publishes. */
const WEBHOOKS_CHANGED = 'webhooks';

interface WebhookRow {
  id: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  created_at: Date;
}

/** Webhooks for the Django CRM: registration, and turning hub events into queued deliveries. */
@Injectable()
export class WebhooksService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly subscribers = new WebhookSubscribers(async (type) => {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM ${this.table} WHERE deleted_at IS NULL AND $1 = ANY(events)`, [type]);
    return rows.map((row) => row.id);
  });
  private stopListening?: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly events: HubEventsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const stopEvents = await this.events.subscribe((event) => {
        if (event.source === WEBHOOKS_CHANGED) this.subscribers.changed();
      });
      // Registrations announced while the connection was down were not heard: look up until it is back.
      const stopGaps = this.events.onGap((state) => {
        this.subscribers.changed();
        this.subscribers.listening = state === 'resumed';
      });
      this.stopListening = () => {
        stopEvents();
        stopGaps();
      };
      this.subscribers.listening = true;
    } catch (error) {
      this.logger.warn(`Not listening for webhook changes (${(error as Error).message}): subscribers are looked up for every event.`);
    }
  }

  onModuleDestroy(): void {
    this.subscribers.listening = false;
    this.stopListening?.();
  }

  /** Every process drops its remembered subscribers (this one at once, the others when they hear it). */
  private async announceChange(): Promise<void> {
    this.subscribers.changed();
    await this.events.publish({ source: WEBHOOKS_CHANGED });
  }

  private get table(): string {
    return `${hubSchemaOf(this.dataSource)}.webhooks`;
  }

  async create(request: unknown): Promise<WebhookView> {
    const { url, events, secret } = parseCreateRequest(request);
    const id = randomUUID();
    const key = secret ?? randomBytes(24).toString('base64url');
    await this.dataSource.query(`INSERT INTO ${this.table} (id, url, secret, events) VALUES ($1, $2, $3, $4)`, [id, url, key, events]);
    await this.announceChange();
    return { ...(await this.get(id)), secret: key };
  }

  async list(): Promise<WebhookView[]> {
    const rows: WebhookRow[] = await this.dataSource.query(`SELECT * FROM ${this.table} WHERE deleted_at IS NULL ORDER BY created_at`);
    return rows.map(toView);
  }

  async get(id: string): Promise<WebhookView> {
    return toView(await this.row(id));
  }

  async remove(id: string): Promise<void> {
    await this.row(id);
    await this.dataSource.query(`UPDATE ${this.table} SET deleted_at = now() WHERE id = $1`, [id]);
    await this.announceChange();
  }

  async deliveries(id: string, limit = 100): Promise<WebhookDeliveryView[]> {
    await this.row(id);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM ${hubSchemaOf(this.dataSource)}.webhook_deliveries WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2`, [id, limit],
    );
    return rows.map((row) => ({
      id: Number(row['id']), eventId: row['event_id'] as string, event: row['event'] as WebhookEvent, attempt: row['attempt'] as number,
      status: row['status'] as WebhookDeliveryView['status'], responseStatus: (row['response_status'] as number | null) ?? undefined,
      error: (row['error'] as string | null) ?? undefined, durationMs: row['duration_ms'] as number, at: (row['at'] as Date).toISOString(),
    }));
  }

  /** Queues one delivery per subscribed webhook. Never throws: an event must not fail its cause. */
  async emit(type: WebhookEvent, data: unknown): Promise<number> {
    try {
      const hooks = await this.subscribers.of(type);
      if (hooks.length === 0) return 0;
      const payload = { id: randomUUID(), type, createdAt: new Date().toISOString(), data };
      const { attempts, backoffMs } = this.config.webhooks;
      for (const hook of hooks) {
        const job: DeliverWebhookJobData = { webhookId: hook, payload };
        // One job per (event, webhook): a repeated emit of the same event cannot deliver twice.
        await this.jobs.submit(QUEUES.webhooks, 'deliver-webhook', job, {
          jobId: `${payload.id}-${hook}`, attempts, backoff: { type: 'exponential', delay: backoffMs },
        });
      }
      return hooks.length;
    } catch {
      return 0;
    }
  }

  async row(id: string): Promise<WebhookRow> {
    const rows: WebhookRow[] = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.dataSource.query(`SELECT * FROM ${this.table} WHERE id = $1 AND deleted_at IS NULL`, [id])
      : [];
    if (rows.length === 0) throw new HubProblem(404, 'webhook-not-found', `No webhook ${id} exists.`);
    return rows[0]!;
  }
}

function toView(row: WebhookRow): WebhookView {
  return { id: row.id, url: row.url, events: row.events, createdAt: row.created_at.toISOString() };
}

function parseCreateRequest(body: unknown): CreateWebhookRequest {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problem = (field: string, detail: string) => new HubProblem(400, 'invalid-webhook', `${field}: ${detail}`, { field });
  let url: URL;
  try {
    url = new URL(String(input['url'] ?? ''));
  } catch {
    throw problem('url', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw problem('url', 'must use http or https');
  const events = input['events'];
  if (!Array.isArray(events) || events.length === 0) throw problem('events', `must list one or more of ${WEBHOOK_EVENTS.join(', ')}`);
  const unknown = events.filter((event) => !WEBHOOK_EVENTS.includes(event as WebhookEvent));
  if (unknown.length > 0) throw problem('events', `unknown event ${JSON.stringify(unknown[0])}; known: ${WEBHOOK_EVENTS.join(', ')}`);
  const secret = input['secret'];
  if (secret !== undefined && (typeof secret !== 'string' || secret.length < 16)) throw problem('secret', 'must be a string of at least 16 characters');
  return { url: url.toString(), events: [...new Set(events as WebhookEvent[])], secret: secret as string | undefined };
}
