import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { HubChangeEvent } from '../../core/events/hub-change-event';
import { HubEventsService } from '../../core/events/hub-events.service';

/** Past this many changed contacts the marks are dropped for a time floor (a big import). */
const MAX_MARKS = 200_000;

/**
 * Which contacts' stored scores may answer `score-lead` without a recompute, per API instance.
 * Every import's change event names the contacts whose data changed; each is marked until this
 * instance has recomputed it from data read after the mark (or, past MAX_MARKS, every score stored
 * before the overflow is treated as changed). Stored scores are reused only while change events
 * are heard: an instance that could not subscribe always recomputes, and one whose connection
 * dropped recomputes until it is back and then reuses no score stored before (events published
 * meanwhile are lost). A change whose event this instance has not heard yet (a millisecond or so
 * after the import's commit) is answered from the stored score until the background rescore
 * replaces it, within seconds (lead-rescore.listener.ts).
 */
@Injectable()
export class LeadScoreFreshness implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LeadScoreFreshness');
  private readonly marks = new Map<number, number>();
  private sequence = 0;
  /** Scores stored before this time (ms) are not reused: marks were dropped at this time. */
  private floor = 0;
  private listening = false;
  private stop?: () => void;
  private readonly rescoredListeners = new Set<(contactIds: readonly number[]) => void>();

  constructor(private readonly events: HubEventsService) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      this.stop = await this.events.subscribe((event) => this.onChange(event));
      const stopGaps = this.events.onGap((state) => this.onGap(state));
      const stopEvents = this.stop;
      this.stop = () => {
        stopEvents();
        stopGaps();
      };
      this.listening = true;
    } catch (error) {
      this.logger.warn(`Not listening for changes (${(error as Error).message}): score-lead recomputes every score.`);
    }
  }

  onModuleDestroy(): void {
    this.listening = false;
    this.stop?.();
  }

  /** Called with the contacts whose scores any process stored in a batch (to refresh percentiles and remembered scores). */
  onRescored(listener: (contactIds: readonly number[]) => void): void {
    this.rescoredListeners.add(listener);
  }

  onChange(event: HubChangeEvent): void {
    const rescored = event.derived?.['lead-score'];
    if (rescored?.length) for (const listener of this.rescoredListeners) listener(rescored);
    if (event.source === 'scoring' || !event.contacts?.length) return;
    if (this.marks.size + event.contacts.length > MAX_MARKS) {
      this.marks.clear();
      this.floor = Date.now();
      return;
    }
    for (const id of event.contacts) this.marks.set(id, ++this.sequence);
  }

  /**
   * Change events published while this instance did not hear them are gone: while the connection
   * is down nothing is reused, and once it is back no score stored before then is.
   */
  onGap(state: 'lost' | 'resumed'): void {
    this.listening = state === 'resumed';
    if (state === 'resumed') {
      this.marks.clear();
      this.floor = Date.now();
    }
  }

  /** Whether a score stored at `scoredAt` still holds for this contact's data, as far as this instance heard. */
  mayReuse(contactId: number, scoredAt: Date): boolean {
    return this.listening && !this.marks.has(contactId) && scoredAt.getTime() > this.floor;
  }

  /** Taken before a recompute reads the contact's data; hand it to `recomputed` afterwards. */
  markOf(contactId: number): number | undefined {
    return this.marks.get(contactId);
  }

  /** The stored score now holds the data read after `mark`: drop the mark unless a newer change came in. */
  recomputed(contactId: number, mark: number | undefined): void {
    if (mark !== undefined && this.marks.get(contactId) === mark) this.marks.delete(contactId);
  }
}
