import type { CreatedApiKey, EmbedAnswerChunk } from '@hub/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey } from '../../../test/support/api-keys';
import { activity, at, bundleText, company, contact, deal } from '../../../test/support/bundle-fixtures';
import { readJson, startTestApp, type TestApp } from '../../../test/support/test-app';
import { storeKinds } from '../../../test/support/test-store';

const JSON_BODY = { 'content-type': 'application/json' };
const FACTORS = [
  { label: 'Decision maker role', contribution: 0.8, key: 'decision_maker', evidence: { is_decision_maker: true } },
  { label: 'No activity in 30 days', contribution: -0.6, key: 'engagement', evidence: { days_since_activity: 41 } },
];

describe.each(await storeKinds())('the embed API over HTTP on %s PostgreSQL', (kind) => {
  let hub: TestApp;
  let crm: CreatedApiKey;
  beforeAll(async () => {
    hub = await startTestApp(kind);
    crm = await createApiKey(hub, ['read'], 'crm server');
    const lines = [
      company(1, { name: 'Acme', domain: 'acme.test', country: 'DE' }), company(2),
      contact(10, 1, { first_name: 'Ada', last_name: 'Lovelace', title: 'CTO', is_decision_maker: true }), contact(11, 1), contact(12, null),
      deal(100, 10, { name: 'Acme platform', amount: 25000, stage: 'proposal', company_id: 1, expected_close_date: '2099-03-31' }),
      deal(101, 10, { name: 'Acme add-on', amount: 5000, stage: 'qualification', company_id: 1 }),
      deal(102, 10, { name: 'Old win', stage: 'closed_won', closed_at: at(20) }),
      activity(1000, 10, { type: 'call', occurred_at: at(30) }), activity(1001, 10, { type: 'email_replied', occurred_at: at(40) }),
      activity(1002, 11, { type: 'meeting', occurred_at: at(35) }), activity(1003, 10, { type: 'demo', deal_id: 100, occurred_at: at(38) }),
    ];
    const imported = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText(lines) });
    expect(imported.status).toBe(200);
    await hub.store.dataSource.query(`
      INSERT INTO "${hub.store.schema}".lead_scores (contact_id, score, probability, confidence, confidence_level, factors, base_logit, recommendation, method, model_version, as_of)
      VALUES (10, 72, 0.72, 0.8, 'high', $1::jsonb, 0.74, 'Call this week: a decision maker with an open proposal.', 'model', 'lead-score@3', now())`,
    [JSON.stringify(FACTORS)]);
  });
  afterAll(async () => hub?.close());

  const mint = async (body: unknown): Promise<string> => {
    const response = await fetch(`${hub.url}/api/auth/tokens`, { method: 'POST', headers: { ...bearer(crm.key), ...JSON_BODY }, body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return (await readJson(response)).token;
  };
  const context = (query: string, token: string) => fetch(`${hub.url}/api/embed/context?${query}`, { headers: bearer(token) });
  const ask = (body: unknown, token: string) =>
    fetch(`${hub.url}/api/embed/ask`, { method: 'POST', headers: { ...bearer(token), ...JSON_BODY }, body: JSON.stringify(body) });
  async function chunksOf(response: Response): Promise<EmbedAnswerChunk[]> {
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    return (await response.text()).trim().split('\n').map((line) => JSON.parse(line));
  }
  const answerText = (chunks: EmbedAnswerChunk[]) => chunks.flatMap((c) => (c.type === 'delta' ? [c.text] : [])).join('');

  it('gives a contact\'s facts: its company, open deals only, recent activities newest first, and its stored score with factors', async () => {
    const response = await context('contact_id=10', await mint({ contact_id: 10 }));
    expect(response.status).toBe(200);
    const facts = await readJson(response);
    expect(facts.record).toEqual({ type: 'contact', id: 10 });
    expect(facts.contact).toMatchObject({ id: 10, name: 'Ada Lovelace', title: 'CTO', is_decision_maker: true, lifecycle_stage: 'lead' });
    expect(facts.company).toMatchObject({ id: 1, name: 'Acme', domain: 'acme.test', employees: 50 });
    expect(facts.open_deals.map((d: { id: number }) => d.id).sort()).toEqual([100, 101]);
    expect(facts.open_deals_total).toBe(2);
    expect(facts.open_deals.find((d: { id: number }) => d.id === 100)).toMatchObject({ amount: 25000, currency: 'EUR', stage: 'proposal', expected_close_date: '2099-03-31' });
    expect(facts.recent_activities.map((a: { id: number }) => a.id)).toEqual([1001, 1003, 1000]);
    expect(facts.lead_score).toMatchObject({ score: 72, probability: 0.72, confidence_level: 'high', model_version: 'lead-score@3', factors: FACTORS });
  });

  it('gives a deal\'s facts with its contact, company and the contact\'s other open deals, and a company\'s with its headcount', async () => {
    const dealFacts = await readJson(await context('deal_id=100', await mint({ deal_id: 100 })));
    expect(dealFacts.deal).toMatchObject({ id: 100, name: 'Acme platform' });
    expect(dealFacts.contact.id).toBe(10);
    expect(dealFacts.company.name).toBe('Acme');
    expect(dealFacts.open_deals.map((d: { id: number }) => d.id)).toEqual([101]);
    expect(dealFacts.lead_score.score).toBe(72);

    const companyFacts = await readJson(await context('company_id=1', await mint({ company_id: 1 })));
    expect(companyFacts).toMatchObject({ contact: null, deal: null, company_contacts_total: 2, open_deals_total: 2, lead_score: null });
    expect(companyFacts.lead_score_note).toMatch(/belong to contacts/);
    expect(companyFacts.recent_activities.map((a: { id: number }) => a.id)).toContain(1002);
  });

  it('keeps a bound token to its record (403 naming the binding) and answers 404 naming an unknown id', async () => {
    const bound = await mint({ contact_id: 10 });
    const other = await context('contact_id=11', bound);
    expect(other.status).toBe(403);
    expect((await readJson(other)).detail).toMatch(/bound to contact 10 and cannot read contact 11/);
    expect((await context('deal_id=100', bound)).status).toBe(403);
    expect((await ask({ question: 'score?', contact_id: 11 }, bound)).status).toBe(403);

    const unbound = await mint({});
    const unscored = await context('contact_id=11', unbound);
    expect(unscored.status).toBe(200);
    // No stored score: one is computed now, or the panel is told plainly why there is none.
    const { lead_score: fresh, lead_score_note: note } = await readJson(unscored);
    if (fresh) expect(fresh).toMatchObject({ contact_id: 11, score: expect.any(Number), factors: expect.any(Array) });
    else expect(note).toMatch(/cannot be scored/);
    const missing = await context('deal_id=987654', unbound);
    expect(missing.status).toBe(404);
    expect(await readJson(missing)).toMatchObject({ detail: 'No deal with id 987654 exists in the hub.', record: { type: 'deal', id: 987654 } });
    const missingAsk = await ask({ question: 'deals?', contact_id: 987654 }, unbound);
    expect(missingAsk.status).toBe(404);
    expect(missingAsk.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('refuses a request naming no record, two records or a bad id with 400 naming the parameter', async () => {
    const token = await mint({});
    for (const [query, pattern] of [['', /got none/], ['contact_id=1&deal_id=2', /contact_id and deal_id/], ['contact_id=abc', /contact_id must be a positive whole number/]] as const) {
      const response = await context(query, token);
      expect(response.status, query).toBe(400);
      expect((await readJson(response)).detail).toMatch(pattern);
    }
    const empty = await ask({ question: '  ', contact_id: 10 }, token);
    expect(empty.status).toBe(400);
    expect((await readJson(empty)).detail).toMatch(/^question: must not be empty/);
  });

  it('streams an answer about the score and why, as NDJSON chunks from start to done', async () => {
    const chunks = await chunksOf(await ask({ question: 'Why is her score what it is?', contact_id: 10 }, await mint({ contact_id: 10 })));
    expect(chunks[0]).toEqual({ type: 'start', intent: 'score', record: { type: 'contact', id: 10 } });
    expect(chunks.at(-1)).toEqual({ type: 'done' });
    expect(chunks.filter((c) => c.type === 'delta').length).toBeGreaterThan(1);
    const text = answerText(chunks);
    expect(text).toMatch(/Ada Lovelace scores 72\/100: a 72% chance/);
    expect(text).toMatch(/Raising it: Decision maker role \(\+0\.80\)/);
    expect(text).toMatch(/Lowering it: No activity in 30 days \(−0\.60\)/);
  });

  it('answers deals, last activity, company and next step from the record\'s facts, and says plainly what it cannot answer', async () => {
    const token = await mint({ contact_id: 10 });
    const answer = async (question: string) => {
      const chunks = await chunksOf(await ask({ question, contact_id: 10 }, token));
      return { intent: (chunks[0] as { intent: string }).intent, text: answerText(chunks) };
    };
    const deals = await answer('What deals are open?');
    expect(deals.intent).toBe('deals');
    expect(deals.text).toMatch(/2 open deals, worth €30,000/);
    expect(deals.text).toMatch(/Acme platform \(€25,000, proposal, expected to close 2099-03-31\)/);
    expect(deals.text).not.toMatch(/Old win/);
    const last = await answer('When did we last talk to her?');
    expect(last).toMatchObject({ intent: 'last_activity', text: expect.stringMatching(/^The last activity was email replied on 2024-02-10\./) });
    const firm = await answer('Which company does she work for?');
    expect(firm).toMatchObject({ intent: 'company', text: expect.stringMatching(/^Acme \(acme\.test\): Software, 50 employees, DE\./) });
    const next = await answer('What should I do next?');
    expect(next.intent).toBe('next_step');
    expect(next.text).toMatch(/^Call this week: a decision maker with an open proposal\./);
    expect(next.text).toMatch(/Confirm the budget for Acme platform/);
    const other = await answer('What is the weather in Paris?');
    expect(other.intent).toBe('help');
    expect(other.text).toMatch(/I answer from this record's facts and scores/);

    const log = await readJson(await fetch(`${hub.url}/api/audit?operation=embed.ask&keyId=${crm.id}`, { headers: hub.auth }));
    expect(log.items[0]).toMatchObject({ outcome: 'ok', subjectType: 'contact', subjectIds: [10], detail: { intent: 'help', questionChars: 29 } });
    expect(JSON.stringify(log)).not.toMatch(/weather/);
  });

  it('accepts the CRM\'s API key itself, and refuses an expired token with 401', async () => {
    expect((await context('contact_id=12', crm.key)).status).toBe(200);
    const response = await fetch(`${hub.url}/api/auth/tokens`, { method: 'POST', headers: { ...bearer(crm.key), ...JSON_BODY }, body: JSON.stringify({ contact_id: 10, ttl_seconds: 1 }) });
    const { token } = await readJson(response);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const expired = await context('contact_id=10', token);
    expect(expired.status).toBe(401);
    expect((await readJson(expired)).type).toMatch(/token-expired$/);
  });
});
