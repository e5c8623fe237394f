import { type DeliverWebhookJobData, type JobView, type LeadListPage, type LeadModelRegistryView, QUEUES, type ScoreLeadResponse } from '@hub/contracts';
import { JobsService } from '../../core/queue/jobs.service';
import { generateDemo } from '@hub/demo-data';
import { buildLeadExamples, emptyExampleCounts, extractLeadFeatures, snapshotsFromRecords, trainingCutoff, type LeadSnapshot } from '@hub/lead-scoring';
import { logit } from '@hub/ml';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleText, contact } from '../../../test/support/bundle-fixtures';
import { runHub } from '../../../test/support/hub-process';
import { readJson, startTestApp, startTestWorker, type Json, type TestApp } from '../../../test/support/test-app';
import { TEST_POSTGRES_URL } from '../../../test/support/test-store';
import { waitFor } from '../../../test/support/wait-for';
import { loadDemoIntoStore } from '../../cli/demo-command';
import { LeadScoringEngine } from './lead-scoring.engine';

/** Waits until a job has finished, whichever way. */
function waitForJob(hub: TestApp, id: string, timeoutMs = 90_000): Promise<JobView> {
  return waitFor(`job ${id} to finish`, async () => {
    const view = (await readJson(await fetch(`${hub.url}/api/jobs/${id}`, { headers: hub.auth }))) as JobView;
    return ['completed', 'failed', 'cancelled'].includes(view.state) ? view : undefined;
  }, timeoutMs);
}

describe('lead scoring over REST on PostgreSQL with the small demo data', () => {
  let hub: TestApp;
  let memory: Map<number, LeadSnapshot>;
  let dataEnd: number;
  const post = (path: string, body: unknown) =>
    fetch(`${hub.url}/api${path}`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const get = async (path: string): Promise<Json> => readJson(await fetch(`${hub.url}/api${path}`, { headers: hub.auth }));
  const scoreLead = async (body: unknown) => {
    const response = await post('/mcp/score-lead', body);
    return { status: response.status, type: response.headers.get('content-type'), body: (await readJson(response)) as Json };
  };

  beforeAll(async () => {
    hub = await startTestApp('postgres');
    await loadDemoIntoStore(hub.store.dataSource, { size: 'small', seed: 42 });
    const demo = generateDemo({ size: 'small', seed: 42 });
    memory = snapshotsFromRecords(demo.records);
    dataEnd = Date.parse(demo.truth.asOf);
  });
  afterAll(async () => hub?.close());

  it('loads snapshots with SQL that give exactly the features of the records themselves', async () => {
    const engine = new LeadScoringEngine(hub.store.dataSource);
    // The data ends at its latest event, a little before the generator's "now".
    const storeEnd = await engine.loader.dataEnd();
    expect(storeEnd).toBeLessThanOrEqual(dataEnd);
    expect(storeEnd).toBeGreaterThan(dataEnd - 86_400_000);
    const ids = [...memory.keys()].filter((id) => id % 9 === 0);
    const loaded = await engine.loader.load(ids);
    expect(loaded.map((s) => s.contact.id)).toEqual(ids);
    for (const snapshot of loaded) {
      const expected = memory.get(snapshot.contact.id)!;
      for (const at of [trainingCutoff(expected), dataEnd]) expect(extractLeadFeatures(snapshot, at)).toEqual(extractLeadFeatures(expected, at));
    }
    const counts = emptyExampleCounts();
    buildLeadExamples(memory.values(), { dataEnd: storeEnd }, counts);
    expect(await engine.loader.labelCounts(storeEnd)).toEqual({ labelled: counts.labelled, conversions: counts.conversions });
  });

  it('scores with the rules before any model, and says so', async () => {
    const registry = (await get('/models/lead-score')) as LeadModelRegistryView;
    expect(registry).toMatchObject({ kind: 'lead-score', method: 'rules', active: null, versions: [], sufficiency: { needed: 50, sufficient: true } });
    const { status, body } = await scoreLead({ contact_id: 123 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ contact_id: 123, method: 'rules', model_version: 'rules@1', note: expect.stringMatching(/rules/) });
  });

  it('trains as a job with progress, registers version 1 with held-out metrics, and rescores the open leads', async () => {
    const response = await post('/models/lead-score/train', {});
    expect(response.status).toBe(202);
    const job = (await readJson(response)) as JobView;
    expect(response.headers.get('location')).toBe(`/api/jobs/${job.id}`);
    expect(job).toMatchObject({ queue: 'hub-training', state: 'waiting' });
    const worker = await startTestWorker(hub);
    try {
      const done = await waitForJob(hub, job.id);
      expect(done.state).toBe('completed');
      expect(done.result).toMatchObject({ outcome: 'model', version: { version: 1, status: 'active' } });
    } finally {
      await worker.close();
    }
    const registry = (await get('/models/lead-score')) as LeadModelRegistryView;
    expect(registry.method).toBe('model');
    expect(registry.active).toMatchObject({ label: 'lead-score@1', training_window: { horizon_days: 120, qualification_days: 21 } });
    const test = registry.active!.metrics.test;
    for (const figure of [test.rocAuc, test.prAuc, test.logLoss, test.brierScore, test.liftTopDecile]) expect(figure).toEqual(expect.any(Number));
    expect(test.calibration.length).toBeGreaterThan(2);
    expect(test.rocAuc).toBeGreaterThan(0.65);
    const [{ n }] = await hub.store.dataSource.query(`SELECT count(*)::int AS n FROM "${hub.store.schema}".lead_scores WHERE model_version = 'lead-score@1'`);
    const [{ open }] = await hub.store.dataSource.query(
      `SELECT count(*)::int AS open FROM "${hub.store.schema}".contacts WHERE lifecycle_stage IN ('lead', 'mql', 'sql', 'opportunity')`);
    expect(n).toBe(open);
  });

  it('answers the seed example exactly: {contact_id, deal_id} → {score, confidence, factors, recommendation}', async () => {
    const [row] = await hub.store.dataSource.query(
      `SELECT id::int AS deal_id, contact_id::int AS contact_id FROM "${hub.store.schema}".deals WHERE contact_id IS NOT NULL ORDER BY id LIMIT 1`);
    const { status, body } = await scoreLead({ contact_id: row.contact_id, deal_id: row.deal_id });
    expect(status).toBe(200);
    const answer = body as ScoreLeadResponse;
    expect(Number.isInteger(answer.score) && answer.score >= 0 && answer.score <= 100).toBe(true);
    expect(answer.confidence).toBeGreaterThan(0);
    expect(answer.confidence).toBeLessThanOrEqual(1);
    expect(answer.factors.length).toBeGreaterThan(0);
    expect(answer.factors.every((f) => typeof f === 'string' && f.length > 0)).toBe(true);
    expect(answer.recommendation).toMatch(/priority - /);
    expect(answer).toMatchObject({ contact_id: row.contact_id, deal_id: row.deal_id, method: 'model', model_version: 'lead-score@1' });
    const total = answer.factor_details.reduce((sum, f) => sum + f.contribution, answer.base_logit);
    expect(Math.abs(total - logit(answer.probability))).toBeLessThan(1e-9);
    expect(answer.score).toBe(Math.round(answer.probability * 100));
  });

  it('stores the score, gives its percentile and writes an audit row per scoring', async () => {
    const { body } = await scoreLead({ contact_id: 42 });
    expect(body.percentile).toBeGreaterThanOrEqual(0);
    expect(body.percentile).toBeLessThanOrEqual(1);
    const [stored] = await hub.store.dataSource.query(`SELECT score, model_version FROM "${hub.store.schema}".lead_scores WHERE contact_id = 42`);
    expect(stored).toEqual({ score: body.score, model_version: 'lead-score@1' });
    const audit = await hub.store.dataSource.query(
      `SELECT outcome, model_version, subject_ids FROM "${hub.store.schema}".audit_log WHERE operation = 'lead.score' AND 42 = ANY(subject_ids)`);
    expect(audit).toContainEqual({ outcome: 'ok', model_version: 'lead-score@1', subject_ids: ['42'] });
  });

  it('refuses bad input with problem documents', async () => {
    const missing = await scoreLead({ contact_id: 987_654 });
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/application\/problem\+json/);
    expect(missing.body.detail).toContain('987654');
    const [other] = await hub.store.dataSource.query(
      `SELECT d.id::int AS deal_id, d.contact_id::int AS owner FROM "${hub.store.schema}".deals d WHERE d.contact_id <> 5 ORDER BY d.id LIMIT 1`);
    const foreign = await scoreLead({ contact_id: 5, deal_id: other.deal_id });
    expect(foreign.status).toBe(422);
    expect(foreign.body.detail).toMatch(new RegExp(`Deal ${other.deal_id} does not belong to contact 5`));
    expect((await scoreLead({ contact_id: 5, deal_id: 999_999 })).status).toBe(404);
    for (const bad of [{ contact_id: 1.5 }, { contact_id: 'abc' }, { contact_id: '12' }, {}, { contact_id: 5, deal_id: 'x' }, { contact_id: -3 }]) {
      const answer = await scoreLead(bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.body.detail).toMatch(/integer|contact_id/);
    }
  });

  it('lists open leads by score, paged and filtered by minimum score and owner', async () => {
    const page = (await get('/leads?page_size=20')) as LeadListPage;
    expect(page.items).toHaveLength(20);
    const probabilities = page.items.map((item) => item.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(page.items[0]!.percentile).toBeGreaterThan(0.9);
    expect(page.items[0]!.top_factors.length).toBeGreaterThan(0);
    // One meaning of percentile everywhere: the list's is the single lead's (share of open leads strictly below).
    for (const item of [page.items[0]!, page.items[7]!]) {
      expect(item.percentile).toBeCloseTo(((await get(`/leads/${item.contact_id}`)) as { percentile: number }).percentile, 12);
    }
    const second = (await get('/leads?page_size=20&page=2')) as LeadListPage;
    expect(second.items[0]!.probability).toBeLessThanOrEqual(page.items[19]!.probability);
    expect(second.total).toBe(page.total);
    const strong = (await get('/leads?min_score=30&page_size=500')) as LeadListPage;
    expect(strong.items.every((item) => item.score >= 30)).toBe(true);
    const ownerId = page.items[0]!.owner_id!;
    const owned = (await get(`/leads?owner_id=${ownerId}&page_size=500`)) as LeadListPage;
    expect(owned.items.length).toBeGreaterThan(0);
    expect(owned.items.every((item) => item.owner_id === ownerId)).toBe(true);
    expect((await fetch(`${hub.url}/api/leads?min_score=abc`, { headers: hub.auth })).status).toBe(400);
  });

  it('sorts the open leads by the column asked, in either order, and refuses an unknown sort naming it', async () => {
    const byScore = (await get('/leads?page_size=100')) as LeadListPage;
    const byName = (await get('/leads?page_size=100&sort=name')) as LeadListPage;
    const names = byName.items.map((item) => item.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(byName.items.map((item) => item.contact_id)).not.toEqual(byScore.items.map((item) => item.contact_id));
    expect(byName.total).toBe(byScore.total);
    const nameDesc = (await get('/leads?page_size=100&sort=name&order=desc')) as LeadListPage;
    expect(nameDesc.items[0]!.name.toLowerCase() >= names.at(-1)!).toBe(true);
    // Paging follows the sort: page 2 carries on where page 1 ended.
    const firstTen = (await get('/leads?page_size=10&sort=name')) as LeadListPage;
    const nextTen = (await get('/leads?page_size=10&page=2&sort=name')) as LeadListPage;
    expect([...firstTen.items, ...nextTen.items].map((item) => item.contact_id)).toEqual(byName.items.slice(0, 20).map((item) => item.contact_id));
    const confidence = ((await get('/leads?page_size=100&sort=confidence&order=asc')) as LeadListPage).items.map((item) => item.confidence);
    expect(confidence).toEqual([...confidence].sort((a, b) => a - b));
    const worstFirst = ((await get('/leads?page_size=100&sort=score&order=asc')) as LeadListPage).items.map((item) => item.probability);
    expect(worstFirst).toEqual([...worstFirst].sort((a, b) => a - b));
    const companies = ((await get('/leads?page_size=500&sort=company&order=desc')) as LeadListPage).items.map((item) => item.company_name);
    const named = companies.filter((name): name is string => name !== null).map((name) => name.toLowerCase());
    expect(named).toEqual([...named].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    expect(companies.slice(named.length).every((name) => name === null)).toBe(true);
    for (const [query, parameter, value] of [['sort=revenue', 'sort', 'revenue'], ['sort=name&order=up', 'order', 'up']] as const) {
      const response = await fetch(`${hub.url}/api/leads?${query}`, { headers: hub.auth });
      expect(response.status).toBe(400);
      const problem = await readJson(response);
      expect(problem.detail).toContain(parameter);
      expect(problem.detail).toContain(value);
    }
  });

  it('reads a lead\'s stored score with its factors, without rescoring or auditing it', async () => {
    const [lead] = ((await get('/leads?page_size=1')) as LeadListPage).items;
    const auditCount = async () => (await hub.store.dataSource.query(`SELECT count(*)::int AS n FROM "${hub.store.schema}".audit_log`))[0].n as number;
    const auditBefore = await auditCount();
    const response = await fetch(`${hub.url}/api/leads/${lead!.contact_id}`, { headers: hub.auth });
    expect(response.status).toBe(200);
    const stored = (await readJson(response)) as Json;
    expect(stored).toMatchObject({ contact_id: lead!.contact_id, score: lead!.score, model_version: lead!.model_version, scored_at: lead!.scored_at });
    expect(stored.probability).toBeCloseTo(lead!.probability, 12);
    // As POST /mcp/score-lead counts it (share strictly below); the list's percent_rank differs by at most one lead in the total.
    const [{ below, total: open }] = await hub.store.dataSource.query(`SELECT count(*) FILTER (WHERE ls.probability < $1)::int AS below, count(*)::int AS total
      FROM "${hub.store.schema}".lead_scores ls JOIN "${hub.store.schema}".contacts c ON c.id = ls.contact_id
      WHERE c.lifecycle_stage IN ('lead', 'mql', 'sql', 'opportunity')`, [lead!.probability]);
    expect(stored.percentile).toBeCloseTo(below / open, 12);
    const total = (stored.factor_details as { contribution: number }[]).reduce((sum, f) => sum + f.contribution, stored.base_logit as number);
    expect(Math.abs(total - logit(stored.probability as number))).toBeLessThan(1e-9);
    expect(await auditCount()).toBe(auditBefore);
    // Read again: the same stored moment (nothing was rescored in between).
    expect(((await get(`/leads/${lead!.contact_id}`)) as Json).scored_at).toBe(lead!.scored_at);

    const missing = await fetch(`${hub.url}/api/leads/987654`, { headers: hub.auth });
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).detail).toContain('987654');
    const [unscored] = await hub.store.dataSource.query(`SELECT c.id::int AS id FROM "${hub.store.schema}".contacts c
      WHERE NOT EXISTS (SELECT 1 FROM "${hub.store.schema}".lead_scores ls WHERE ls.contact_id = c.id) ORDER BY c.id LIMIT 1`);
    const none = await fetch(`${hub.url}/api/leads/${unscored.id}`, { headers: hub.auth });
    expect(none.status).toBe(404);
    expect((await readJson(none)).detail).toMatch(new RegExp(`Contact ${unscored.id} has no stored score`));
    const bad = await fetch(`${hub.url}/api/leads/abc`, { headers: hub.auth });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).detail).toMatch(/contactId.*abc/);
  });

  it('announces a stored score to webhooks subscribed to lead.scored', async () => {
    const hook = await post('/webhooks', { url: 'http://127.0.0.1:9/lead-scores', events: ['lead.scored'] });
    expect(hook.status).toBe(201);
    const [row] = await hub.store.dataSource.query(`SELECT id::int AS id FROM "${hub.store.schema}".contacts ORDER BY id LIMIT 1`);
    const scored = await scoreLead({ contact_id: row.id });
    const queued = await hub.app.get(JobsService).queue(QUEUES.webhooks).getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    const payloads = queued.map((job) => (job.data as DeliverWebhookJobData).payload).filter((payload) => payload.type === 'lead.scored');
    expect(payloads.map((payload) => payload.data)).toContainEqual(expect.objectContaining({ contact_id: row.id, score: scored.body.score }));
  });

  it('offers score_lead, explain_lead_score and top_leads to MCP clients, agreeing with REST', async () => {
    const client = new Client({ name: 'lead-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${hub.url}/mcp`), { requestInit: { headers: hub.auth } }));
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toEqual(expect.arrayContaining(['score_lead', 'explain_lead_score', 'top_leads']));

      const top = await client.callTool({ name: 'top_leads', arguments: { limit: 5 } });
      const page = top.structuredContent as { items: { contact_id: number; score: number }[]; total: number; truncated: boolean };
      expect(page.items).toHaveLength(5);
      expect(page.items.map((item) => item.score)).toEqual([...page.items.map((item) => item.score)].sort((a, b) => b - a));
      expect(page.truncated).toBe(page.total > 5);

      const contactId = page.items[0]!.contact_id;
      const viaMcp = (await client.callTool({ name: 'score_lead', arguments: { contact_id: contactId } })).structuredContent as { score: number; probability: number };
      const viaRest = await scoreLead({ contact_id: contactId });
      expect(viaMcp.score).toBe(viaRest.body.score);
      expect(viaMcp.probability).toBeCloseTo(viaRest.body.probability, 12);

      const explained = (await client.callTool({ name: 'explain_lead_score', arguments: { contact_id: contactId } })).structuredContent as {
        base_logit: number; probability: number; factor_details: { contribution: number }[];
      };
      const total = explained.factor_details.reduce((sum, item) => sum + item.contribution, explained.base_logit);
      expect(Math.abs(total - logit(explained.probability))).toBeLessThan(1e-9);

      const unknown = await client.callTool({ name: 'score_lead', arguments: { contact_id: 987654 } });
      expect(unknown.isError).toBe(true);
      expect(JSON.stringify(unknown.content)).toMatch(/987654/);
      // Each MCP scoring writes the same lead.score audit row as REST, refusals included.
      const audit = await hub.store.dataSource.query(`
        SELECT outcome, model_version, subject_ids, detail->>'via' AS via FROM "${hub.store.schema}".audit_log
        WHERE operation = 'lead.score' AND detail->>'via' LIKE 'mcp:%' ORDER BY id`);
      expect(audit).toEqual([
        { outcome: 'ok', model_version: 'lead-score@1', subject_ids: [String(contactId)], via: 'mcp:score_lead' },
        { outcome: 'ok', model_version: 'lead-score@1', subject_ids: [String(contactId)], via: 'mcp:explain_lead_score' },
        { outcome: 'error', model_version: null, subject_ids: ['987654'], via: 'mcp:score_lead' },
      ]);
    } finally {
      await client.close();
    }
  });

  it('trains from the command line, prints held-out metrics, and rolls back to version 1', async () => {
    const run = await runHub(['train', 'lead-score'], {
      DATABASE_URL: TEST_POSTGRES_URL, HUB_DB_SCHEMA: hub.store.schema, LOG_LEVEL: 'warn', HUB_DEMO: 'off',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Registered lead-score@2 .*\n.*ROC AUC 0\.\d+/);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'model', version: { version: 2, status: 'active' } });

    const response = await post('/models/lead-score/rollback', {});
    expect(response.status).toBe(200);
    const rolledBack = await readJson(response);
    expect(rolledBack.active).toMatchObject({ version: 1, status: 'active' });
    expect(rolledBack.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'retired'], [1, 'active']]);
    expect((await scoreLead({ contact_id: 42 })).body.model_version).toBe('lead-score@1');
    // The rollback queued a rescore of the open leads with version 1 (the CLI's training left them on version 2).
    expect(rolledBack.rescore_job).toMatchObject({ queue: 'hub-scoring' });
    const worker = await startTestWorker(hub);
    try {
      expect(await waitForJob(hub, rolledBack.rescore_job.id)).toMatchObject({ state: 'completed', result: { modelVersion: 'lead-score@1' } });
    } finally {
      await worker.close();
    }
    const versions = await hub.store.dataSource.query(`
      SELECT DISTINCT ls.model_version FROM "${hub.store.schema}".lead_scores ls JOIN "${hub.store.schema}".contacts c ON c.id = ls.contact_id
      WHERE c.lifecycle_stage IN ('lead', 'mql', 'sql', 'opportunity')`);
    expect(versions).toEqual([{ model_version: 'lead-score@1' }]);
    expect((await post('/models/lead-score/rollback', { version: 7 })).status).toBe(404);
    expect((await post('/models/lead-score/rollback', { version: 'two' })).status).toBe(400);
  });
});

describe('lead scoring on the embedded store with little data', () => {
  let hub: TestApp;
  beforeAll(async () => {
    hub = await startTestApp('embedded');
    const lines = [
      contact(1, null, { seniority: 'vp', is_decision_maker: true, lead_source: 'referral' }),
      contact(2, null),
    ];
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText(lines) });
    expect(response.status).toBe(200);
  });
  afterAll(async () => hub?.close());

  const scoreLead = async (body: unknown) => {
    const response = await fetch(`${hub.url}/api/mcp/score-lead`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await readJson(response) };
  };

  it('scores with the rules and shows how far the data is from a model', async () => {
    const { status, body } = await scoreLead({ contact_id: 1 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ method: 'rules', factors: expect.arrayContaining(['Decision maker role', 'Referral lead source']) });
    const registry = await readJson(await fetch(`${hub.url}/api/models/lead-score`, { headers: hub.auth }));
    expect(registry).toMatchObject({ method: 'rules', sufficiency: { conversions: 0, needed: 50, ratio: 0, sufficient: false } });
  });

  it('says why it cannot score a contact it knows nothing about, instead of making a number up', async () => {
    const { status, body } = await scoreLead({ contact_id: 2 });
    expect(status).toBe(422);
    expect(body.detail).toMatch(/no lead model is trained .*0 of the 50 known conversions.*none of the facts the rules score/);
  });

  it('keeps the rules when training has too little data', async () => {
    const result = await new LeadScoringEngine(hub.store.dataSource).train('test');
    expect(result).toMatchObject({ outcome: 'rules', version: null, reason: expect.stringMatching(/0 of the 50/) });
  });
});
