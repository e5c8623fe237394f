import type { LeadScore } from '@hub/contracts';

export interface StoredScore {
  score: LeadScore;
  scoredAt: Date;
}

/**
 * Longest a score is remembered: the bound for a change nobody announces (a retention purge). Lost
 * events are covered otherwise: a dropped event connection stops reuse (LeadScoreFreshness).
 */
export const STORED_SCORE_TTL_MS = 60_000;
/** Most contacts remembered (a score with its factors is a few KB). */
export const STORED_SCORE_MAX = 20_000;

/**
 * The stored scores this API instance read or wrote lately, so that asking again for a contact
 * whose score is current costs no database round trip. An entry is what the `lead_scores` row held
 * when it was read or written; it is dropped when a change event reports the contact's score
 * recomputed elsewhere, on rollback, and after STORED_SCORE_TTL_MS in any case (a change to the
 * contact's data is the caller's change marks' to catch: they stop reuse of any stored score). Whether a remembered score may still answer is decided by the caller, exactly as for one
 * read from the database (model version, data end, change marks).
 */
export class StoredScoreCache {
  private readonly entries = new Map<number, StoredScore & { at: number }>();
  /** Bumped on every drop: a read that overlapped one may hold the old row, so it is not kept. */
  private generation = 0;

  constructor(
    private readonly read: (contactId: number) => Promise<StoredScore | undefined>,
    private readonly options: { ttlMs?: number; max?: number; now?: () => number } = {},
  ) {}

  async current(contactId: number): Promise<StoredScore | undefined> {
    const now = this.now();
    const entry = this.entries.get(contactId);
    if (entry && now - entry.at < (this.options.ttlMs ?? STORED_SCORE_TTL_MS)) return entry;
    if (entry) this.entries.delete(contactId);
    const generation = this.generation;
    const stored = await this.read(contactId);
    if (stored && generation === this.generation) this.remember(stored, now);
    return stored;
  }

  /** A score this instance just stored (it is what the row now holds). */
  remember(stored: StoredScore, at = this.now()): void {
    this.entries.delete(stored.score.contact_id); // re-inserted last: the Map's order is the eviction order
    this.entries.set(stored.score.contact_id, { ...stored, at });
    if (this.entries.size > (this.options.max ?? STORED_SCORE_MAX)) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(contactIds: Iterable<number>): void {
    this.generation++;
    for (const id of contactIds) this.entries.delete(id);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
