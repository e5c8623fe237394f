import { describe, expect, it } from 'vitest';
import { SUBSCRIBERS_TTL_MS, WebhookSubscribers } from './webhook-subscribers';

describe('WebhookSubscribers', () => {
  const setup = () => {
    let now = 0;
    const table = new Map<string, string[]>([['lead.scored', ['a']]]);
    const lookups: string[] = [];
    const subscribers = new WebhookSubscribers(async (type) => {
      lookups.push(type);
      return table.get(type) ?? [];
    }, () => now);
    return { subscribers, table, lookups, at: (ms: number) => (now = ms) };
  };

  it('looks up every time while it hears no change events', async () => {
    const { subscribers, lookups } = setup();
    await subscribers.of('lead.scored');
    await subscribers.of('lead.scored');
    expect(lookups).toHaveLength(2);
  });

  it('while listening: one lookup per event type until a change is heard or the time bound passes', async () => {
    const { subscribers, table, lookups, at } = setup();
    subscribers.listening = true;
    expect(await subscribers.of('lead.scored')).toEqual(['a']);
    table.set('lead.scored', ['a', 'b']);
    expect(await subscribers.of('lead.scored')).toEqual(['a']);
    subscribers.changed();
    expect(await subscribers.of('lead.scored')).toEqual(['a', 'b']);
    table.set('lead.scored', []);
    at(SUBSCRIBERS_TTL_MS);
    expect(await subscribers.of('lead.scored')).toEqual([]);
    expect(lookups).toEqual(['lead.scored', 'lead.scored', 'lead.scored']);
  });
});
