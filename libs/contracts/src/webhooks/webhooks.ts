/** Events the hub sends to webhooks; features add theirs (`lead.scored`, `forecast.updated`, ...). */
export const WEBHOOK_EVENTS = ['job.completed', 'job.failed', 'import.completed', 'lead.scored', 'forecast.updated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface CreateWebhookRequest {
  url: string;
  events: WebhookEvent[];
  /** Shared secret for the signature; generated when absent. Shown only in the creation answer. */
  secret?: string;
}

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
  /** Present only in the answer to the creation. */
  secret?: string;
}

export interface WebhookDeliveryView {
  id: number;
  eventId: string;
  event: WebhookEvent;
  attempt: number;
  status: 'delivered' | 'retrying' | 'failed';
  responseStatus?: number;
  error?: string;
  durationMs: number;
  at: string;
}

/**
 * The JSON body of a delivery. `id` is the event's id: the same on every retry, so the receiver
 * can drop duplicates. `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.
 */
export interface WebhookPayload<T = unknown> {
  id: string;
  type: WebhookEvent;
  createdAt: string;
  data: T;
}

/** `DeliverWebhookJob`: one event to one webhook. */
export interface DeliverWebhookJobData {
  webhookId: string;
  payload: WebhookPayload;
}
