import type { WebhookEvent } from '@hub/contracts';
import { ExpiringValue } from '../../core/cache/expiring-value';

/** Longest a process trusts its list: a backstop, since a dropped event connection already stops the trust. */
export const SUBSCRIBERS_TTL_MS = 60_000;

/**
 * Which webhooks subscribe to each event type, remembered per process: every scoring answer
 * announces `lead.scored`, and a database lookup per answer was one round trip in three. A process
 * trusts its list only while it hears change events (a registration or removal anywhere publishes
 * one, see WebhooksService; a dropped connection makes it look up again until it is back), and never
 * for longer than SUBSCRIBERS_TTL_MS.
 */
export class WebhookSubscribers {
  private readonly byEvent = new Map<WebhookEvent, ExpiringValue<string[]>>();
  listening = false;

  constructor(private readonly lookup: (type: WebhookEvent) => Promise<string[]>, private readonly now = () => Date.now()) {}

  of(type: WebhookEvent): Promise<string[]> {
    if (!this.listening) return this.lookup(type);
    let value = this.byEvent.get(type);
    if (!value) this.byEvent.set(type, (value = new ExpiringValue(() => this.lookup(type), SUBSCRIBERS_TTL_MS, this.now)));
    return value.get();
  }

  /** A webhook was registered or removed (here or in another process). */
  changed(): void {
    for (const value of this.byEvent.values()) value.invalidate();
  }
}
