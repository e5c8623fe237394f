import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { redisOptions } from '../queue/redis-options';
import { type HubChangeEvent, splitChangeEvent } from './hub-change-event';

export type HubChangeListener = (event: HubChangeEvent) => void | Promise<void>;
/** `lost`: this process stopped hearing change events; `resumed`: it hears them again (those in between are gone). */
export type HubEventsGapListener = (state: 'lost' | 'resumed') => void;

/** The Redis channel of change events, under the hub's key prefix so hubs sharing a Redis stay apart. */
export function changeChannel(prefix: string): string {
  return `${prefix}:changes`;
}

/**
 * Change events over Redis pub/sub, so that a change written by any process (a worker's import, the
 * CLI) reaches listeners in every API instance. Publishing never throws: an event must not fail the
 * write that caused it.
 */
@Injectable()
export class HubEventsService implements OnModuleDestroy {
  private readonly logger = new Logger('HubEvents');
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly listeners = new Set<HubChangeListener>();
  private readonly gapListeners = new Set<HubEventsGapListener>();
  private connection: 'never' | 'up' | 'lost' = 'never';

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  /** A new event id, for callers that build an event in several steps. */
  static newId(): string {
    return randomUUID();
  }

  async publish(event: Omit<HubChangeEvent, 'id' | 'at'> & Partial<Pick<HubChangeEvent, 'id' | 'at'>>): Promise<void> {
    const full: HubChangeEvent = { ...event, id: event.id ?? randomUUID(), at: event.at ?? new Date().toISOString() };
    try {
      // Queue while the first connection opens; a Redis that stays away still fails fast (one retry).
      if (!this.publisher) {
        this.publisher = new Redis({ ...redisOptions(this.config.redis.url, 'producer'), enableOfflineQueue: true });
        this.publisher.on('error', () => undefined);
      }
      for (const part of splitChangeEvent(full)) await this.publisher.publish(changeChannel(this.config.redis.prefix), JSON.stringify(part));
    } catch (error) {
      this.logger.warn(`Could not publish change event ${full.id}: ${(error as Error).message}`);
    }
  }

  /** Listens to every change event from any process; returns a function that stops listening. */
  async subscribe(listener: HubChangeListener): Promise<() => void> {
    this.listeners.add(listener);
    if (!this.subscriber) {
      this.subscriber = new Redis({ ...redisOptions(this.config.redis.url, 'worker'), connectionName: `${this.config.redis.prefix}:events` });
      this.subscriber.on('error', () => undefined); // reconnects by itself
      this.subscriber.on('message', (_channel: string, message: string) => this.deliver(message));
      // A dropped connection loses the events published until it is back (ioredis resubscribes by itself).
      this.subscriber.on('close', () => {
        if (this.connection !== 'up') return;
        this.connection = 'lost';
        this.gap('lost');
      });
      this.subscriber.on('ready', () => {
        if (this.connection !== 'lost') return;
        // 'ready' comes before ioredis's own resubscribe; a SUBSCRIBE of ours answers after it.
        void this.subscriber?.subscribe(changeChannel(this.config.redis.prefix)).then(() => {
          this.connection = 'up';
          this.gap('resumed');
        }, () => undefined);
      });
      await this.subscriber.subscribe(changeChannel(this.config.redis.prefix));
      this.connection = 'up';
    }
    return () => this.listeners.delete(listener);
  }

  /**
   * Told when this process stops hearing change events and when it hears them again: whatever is
   * kept fresh by events (remembered scores, change marks) must not be trusted across the gap.
   */
  onGap(listener: HubEventsGapListener): () => void {
    this.gapListeners.add(listener);
    return () => this.gapListeners.delete(listener);
  }

  private gap(state: 'lost' | 'resumed'): void {
    if (state === 'lost') this.logger.warn('Lost the change-event connection to Redis: not trusting remembered state until it is back.');
    for (const listener of this.gapListeners) {
      try {
        listener(state);
      } catch (error) {
        this.logger.warn(`A gap listener failed: ${(error as Error).message}`);
      }
    }
  }

  private deliver(message: string): void {
    let event: HubChangeEvent;
    try {
      event = JSON.parse(message) as HubChangeEvent;
    } catch {
      return;
    }
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(event))
        .catch((error: Error) => this.logger.warn(`A change listener failed on ${event.id}: ${error.message}`));
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.listeners.clear();
    this.gapListeners.clear();
    await Promise.all([this.publisher?.quit().catch(() => undefined), this.subscriber?.quit().catch(() => undefined)]);
  }
}
