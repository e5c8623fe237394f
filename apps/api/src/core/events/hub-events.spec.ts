import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { killEventsConnection } from '../../../test/support/kill-events-connection';
import { loadHubConfig } from '../config/hub-config';
import { splitChangeEvent } from './hub-change-event';
import { type HubChangeEvent } from './hub-change-event';
import { HubEventsService } from './hub-events.service';

describe('change events', () => {
  it('splits a large event into parts of at most N ids, keeping every id once', () => {
    const contacts = Array.from({ length: 25 }, (_, i) => i + 1);
    const event: HubChangeEvent = { id: 'e1', at: 'now', source: 'import', records: { contact: contacts, company: [1, 2, 3] }, contacts };
    const parts = splitChangeEvent(event, 10);
    expect(parts.map((part) => part.part)).toEqual([0, 1, 2, 3, 4, 5].slice(0, parts.length));
    expect(parts.every((part) => part.id === 'e1')).toBe(true);
    const count = (part: HubChangeEvent) => (part.records?.contact?.length ?? 0) + (part.records?.company?.length ?? 0) + (part.contacts?.length ?? 0);
    expect(parts.every((part) => count(part) <= 10)).toBe(true);
    expect(parts.flatMap((part) => part.records?.contact ?? [])).toEqual(contacts);
    expect(parts.flatMap((part) => part.contacts ?? [])).toEqual(contacts);
    expect(parts.flatMap((part) => part.records?.company ?? [])).toEqual([1, 2, 3]);
    expect(splitChangeEvent({ id: 'e2', at: 'now', source: 'x' })).toHaveLength(1);
  });

  describe('over Redis', () => {
    const config = loadHubConfig({ HUB_REDIS_PREFIX: `hub_events_${randomUUID().slice(0, 8)}` });
    const a = new HubEventsService(config);
    const b = new HubEventsService(config);
    const other = new HubEventsService(loadHubConfig({ HUB_REDIS_PREFIX: `hub_events_${randomUUID().slice(0, 8)}` }));
    afterAll(async () => Promise.all([a.onModuleDestroy(), b.onModuleDestroy(), other.onModuleDestroy()]));

    it('delivers an event published by one service to listeners of another, and not across prefixes', async () => {
      const seen: HubChangeEvent[] = [];
      const foreign: HubChangeEvent[] = [];
      const stop = await b.subscribe((event) => void seen.push(event));
      await other.subscribe((event) => void foreign.push(event));
      await a.publish({ source: 'import', records: { contact: [7] }, contacts: [7] });
      for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ source: 'import', records: { contact: [7] }, contacts: [7] });
      expect(foreign).toHaveLength(0);
      stop();
      await a.publish({ source: 'import', contacts: [8] });
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toHaveLength(1);
    });

    it('tells its listeners when the connection drops and when it hears events again', async () => {
      const states: string[] = [];
      const seen: HubChangeEvent[] = [];
      await b.subscribe((event) => void seen.push(event));
      const stopGaps = b.onGap((state) => void states.push(state));
      // Redis drops the listener's connection (a restart or a network cut, as seen from the hub).
      await killEventsConnection(config.redis.url, config.redis.prefix);
      for (let i = 0; i < 100 && states.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
      expect(states).toEqual(['lost', 'resumed']);
      await a.publish({ source: 'import', contacts: [9] });
      for (let i = 0; i < 50 && !seen.some((e) => e.contacts?.includes(9)); i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.some((e) => e.contacts?.includes(9))).toBe(true);
      stopGaps();
    });
  });
});
