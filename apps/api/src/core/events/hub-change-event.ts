/** Record kinds a change event names (the contract's singular entity names). */
export type ChangedEntity = 'user' | 'company' | 'contact' | 'deal' | 'activity' | 'email' | 'meeting' | 'subscription' | 'product' | 'ticket';

/**
 * "Something changed": published after a commit by whoever wrote (an import, a scoring run), read by
 * whoever keeps something fresh (background rescoring, MCP resource subscriptions). Events are hints,
 * not a log: a listener that was down misses them, so anything that must not be missed also has a
 * periodic sweep.
 */
export interface HubChangeEvent {
  /** Unique per event (chunks of one event share it plus a part number); consumers dedupe on it. */
  id: string;
  part?: number;
  at: string;
  source: 'import' | 'scoring' | 'privacy' | (string & {});
  /** Ids of records written or deleted, by entity. */
  records?: Partial<Record<ChangedEntity, (number | string)[]>>;
  /**
   * Contacts whose derived data may need recomputing: written contacts, and contacts whose company,
   * activities, emails, meetings or deals changed.
   */
  contacts?: number[];
  /** Derived data that was recomputed, by kind: e.g. `{ "lead-score": [contact ids] }`. */
  derived?: Record<string, number[]>;
}

/** Most ids in one published message; larger events go out in parts. */
export const MAX_IDS_PER_MESSAGE = 20_000;

/** Splits an event so that no message carries more than `max` ids in all. */
export function splitChangeEvent(event: HubChangeEvent, max = MAX_IDS_PER_MESSAGE): HubChangeEvent[] {
  const lists: { path: ['records' | 'derived', string] | ['contacts']; ids: (number | string)[] }[] = [];
  for (const [entity, ids] of Object.entries(event.records ?? {})) if (ids?.length) lists.push({ path: ['records', entity], ids });
  for (const [kind, ids] of Object.entries(event.derived ?? {})) if (ids.length) lists.push({ path: ['derived', kind], ids });
  if (event.contacts?.length) lists.push({ path: ['contacts'], ids: event.contacts });
  const parts: HubChangeEvent[] = [];
  let current: HubChangeEvent = { id: event.id, at: event.at, source: event.source };
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    parts.push({ ...current, part: parts.length });
    current = { id: event.id, at: event.at, source: event.source };
    size = 0;
  };
  for (const { path, ids } of lists) {
    for (let start = 0; start < ids.length;) {
      const take = Math.min(max - size, ids.length - start);
      const slice = ids.slice(start, start + take);
      if (path[0] === 'contacts') current.contacts = [...(current.contacts ?? []), ...(slice as number[])];
      else if (path[0] === 'records') (current.records ??= {})[path[1] as ChangedEntity] = slice;
      else (current.derived ??= {})[path[1]] = slice as number[];
      size += take;
      start += take;
      if (size >= max) flush();
    }
  }
  flush();
  return parts.length > 0 ? parts : [{ ...event }];
}
