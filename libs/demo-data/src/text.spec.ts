import { beforeAll, describe, expect, it } from 'vitest';
import { collectDemo, time, type DemoBundle } from './test/demo-bundle';

type Row = Record<string, unknown>;
let bundle: DemoBundle;

beforeAll(() => {
  bundle = collectDemo({ size: 'small', seed: 8 });
});

describe('emails', () => {
  it('have a truth entry each, with varied categories and sentiments', () => {
    const emails = bundle.ofType('email');
    expect(bundle.truth.emails.map((e) => e.email_id)).toEqual(emails.map((e) => e['id']));
    const categories = new Set(bundle.truth.emails.map((e) => e.category));
    for (const category of ['pricing_question', 'meeting_request', 'objection', 'complaint', 'praise', 'out_of_office', 'unsubscribe']) {
      expect(categories, category).toContain(category);
    }
    expect(new Set(bundle.truth.emails.map((e) => e.sentiment))).toEqual(new Set(['positive', 'neutral', 'negative']));
    expect(new Set(emails.map((e) => e['direction']))).toEqual(new Set(['inbound', 'outbound']));
  });

  it('group into threads, and replies quote what they answer', () => {
    const emails = bundle.ofType('email');
    const threads = new Map<unknown, Row[]>();
    for (const email of emails) threads.set(email['thread_id'], [...(threads.get(email['thread_id']) ?? []), email]);
    expect([...threads.values()].some((thread) => thread.length >= 3)).toBe(true);
    const quoting = emails.filter((e) => /\nOn .+ wrote:\n> /.test(e['body'] as string));
    expect(quoting.length).toBeGreaterThan(emails.length / 10);
    for (const email of quoting) expect(email['subject']).toMatch(/^(Re|Automatic reply): /);
    const bodies = new Set(emails.map((e) => e['body']));
    expect(bodies.size).toBeGreaterThan(emails.length * 0.8);
  });

  it('are logged by the activity that points at them', () => {
    const logged = new Set<unknown>(bundle.ofType('activity').map((a) => (a['metadata'] as Row | undefined)?.['email_id']).filter((id) => id !== undefined));
    const outbound = bundle.ofType('email').filter((e) => e['direction'] === 'outbound');
    for (const email of outbound) expect(logged.has(email['id'])).toBe(true);
  });
});

describe('meetings', () => {
  it('are transcripts spoken by their participants, with commitments whose owners were there', () => {
    const names = new Map<number, string>();
    for (const c of bundle.ofType('contact')) names.set(c['id'] as number, `${c['first_name'] as string} ${c['last_name'] as string}`);
    const users = bundle.ofType('user');
    const truth = new Map(bundle.truth.meetings.map((m) => [m.meeting_id, m.action_items]));
    let withItems = 0;
    for (const meeting of bundle.ofType('meeting')) {
      const attendees = (meeting['contact_ids'] as number[]).map((id) => names.get(id));
      const host = users.find((u) => u['id'] === meeting['user_id']) as Row;
      const vendor = users.filter((u) => u['id'] === host['id'] || (u['role'] === 'manager' && u['team'] === host['team'])).map((u) => u['name']);
      const allowed = new Set([...attendees, ...vendor]);
      const notes = meeting['notes'] as string;
      if (!notes.startsWith('Attendees:')) {
        const speakers = notes.split('\n').map((line) => line.slice(0, line.indexOf(': ')));
        for (const speaker of speakers) expect(allowed, speaker).toContain(speaker);
        expect(speakers).toContain(host['name']);
      }
      const items = truth.get(meeting['id'] as number) ?? [];
      if (items.length > 0) withItems += 1;
      const day = (meeting['started_at'] as string).slice(0, 10);
      for (const item of items) {
        expect(allowed).toContain(item.owner);
        expect(notes).toContain(item.text);
        // Due dates count from the meeting's local date, which is never before its UTC date minus one day.
        expect(item.due >= day, `${item.due} vs ${day}`).toBe(true);
        expect(time(item.due)).toBeLessThanOrEqual(time(meeting['started_at']) + 62 * 86_400_000);
      }
    }
    expect(withItems).toBeGreaterThan(bundle.ofType('meeting').length * 0.9);
  });

  it('a spoken commitment names its owner as the speaker of the line', () => {
    const meeting = bundle.ofType('meeting').find((m) => !(m['notes'] as string).startsWith('Attendees:')) as Row;
    const items = bundle.truth.meetings.find((m) => m.meeting_id === meeting['id'])?.action_items ?? [];
    for (const item of items) {
      const line = (meeting['notes'] as string).split('\n').find((l) => l.includes(item.text)) as string;
      expect(line.startsWith(`${item.owner}: `)).toBe(true);
    }
  });
});
