import { QUEUES } from '@hub/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, bundleText, chunked } from '../../../test/support/bundle-fixtures';
import { runHub } from '../../../test/support/hub-process';
import { killEventsConnection } from '../../../test/support/kill-events-connection';
import { startTestApp, startTestWorker, type TestApp } from '../../../test/support/test-app';
import { TEST_POSTGRES_URL } from '../../../test/support/test-store';
import { waitFor } from '../../../test/support/wait-for';
import { loadDemoIntoStore } from '../../cli/demo-command';
import type { HubChangeEvent } from '../../core/events/hub-change-event';
import { HubEventsService } from '../../core/events/hub-events.service';
import { JobsService } from '../../core/queue/jobs.service';
import { importBundle } from '../bundles/bundle-importer';
import { LEAD_RETRAIN_SCHEDULER, LeadRetrainTrigger } from './lead-retrain.trigger';
import { LeadScoringEngine } from './lead-scoring.engine';

const DAY = 86_400_000;

describe('fresh lead scores and retraining on PostgreSQL with the small demo data', () => {
  let hub: TestApp;
  let s: string;
  const stored = async (id: number) => {
    const rows: { score: number; probability: number; scored_at: Date }[] =
      await hub.store.dataSource.query(`SELECT score, probability, scored_at FROM ${s}.lead_scores WHERE contact_id = $1`, [id]);
    return rows[0];
  };

  beforeAll(async () => {
    hub = await startTestApp('postgres', { HUB_LEAD_RETRAIN_CRON: '15 4 * * 1' });
    s = `"${hub.store.schema}"`;
    await loadDemoIntoStore(hub.store.dataSource, { size: 'small', seed: 42 });
    const trained = await new LeadScoringEngine(hub.store.dataSource).train('test');
    expect(trained.outcome).toBe('model');
  });
  afterAll(async () => hub?.close());

  it('rescores a contact within seconds of a REST import that changes its activities', async () => {
    const worker = await startTestWorker(hub);
    try {
      // A quiet open lead: fresh engagement must move its score.
      const [lead] = await hub.store.dataSource.query(`
        SELECT c.id::int AS id FROM ${s}.contacts c JOIN ${s}.lead_scores ls ON ls.contact_id = c.id
        WHERE c.lifecycle_stage = 'lead' AND NOT EXISTS (SELECT 1 FROM ${s}.activities a WHERE a.contact_id = c.id AND a.type = 'demo')
        ORDER BY ls.probability LIMIT 1`);
      const before = (await stored(lead.id))!;
      const dataEnd = await new LeadScoringEngine(hub.store.dataSource).loader.dataEnd();
      const when = (days: number) => new Date(dataEnd - days * DAY).toISOString();
      const types = ['demo', 'meeting', 'form_submitted', 'email_replied', 'website_visit', 'website_visit', 'content_download'];
      const lines = types.map((type, index) => activity(9_000_000 + index, lead.id, { type, occurred_at: when(1 + index), deal_id: null, metadata: {} }));
      const derived: HubChangeEvent[] = [];
      const stop = await hub.app.get(HubEventsService).subscribe((event) => void (event.derived ? derived.push(event) : undefined));

      const started = performance.now();
      const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText(lines) });
      expect(response.status).toBe(200);
      const after = await waitFor('the fresh score', async () => {
        const row = await stored(lead.id);
        return row && row.scored_at > before.scored_at ? row : undefined;
      }, 20_000);
      const delayMs = performance.now() - started;
      console.log(`import → stored score: ${delayMs.toFixed(0)} ms (score ${before.score} → ${after.score})`);
      expect(after.probability).toBeGreaterThan(before.probability);
      expect(delayMs).toBeLessThan(10_000);

      await waitFor('the derived change event', async () => (derived.some((e) => e.derived?.['lead-score']?.includes(lead.id)) ? true : undefined), 5_000);
      stop();
      const audit = await hub.store.dataSource.query(
        `SELECT key_id, detail FROM ${s}.audit_log WHERE operation = 'lead.rescore' AND detail->>'reason' = 'import'`);
      expect(audit).toEqual([{ key_id: 'system', detail: expect.objectContaining({ scored: 1, requested: 1, event: expect.any(String) }) }]);
    } finally {
      await worker.close();
    }
  });

  it('answers score-lead from the stored score while it is current, and afresh once an import changed the contact', async () => {
    const scoreLead = async (id: number) => {
      const response = await fetch(`${hub.url}/api/mcp/score-lead`, {
        method: 'POST', headers: { ...hub.auth, 'content-type': 'application/json' }, body: JSON.stringify({ contact_id: id }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { score: number; probability: number; scored_at: string; model_version: string; factors: string[] };
    };
    // Another quiet open lead, scored by the training's batch rescore and untouched since.
    const [lead] = await hub.store.dataSource.query(`
      SELECT c.id::int AS id FROM ${s}.contacts c JOIN ${s}.lead_scores ls ON ls.contact_id = c.id
      WHERE c.lifecycle_stage = 'lead' AND NOT EXISTS (SELECT 1 FROM ${s}.activities a WHERE a.contact_id = c.id AND a.type = 'demo')
      ORDER BY ls.probability LIMIT 1`);
    const before = (await stored(lead.id))!;
    const fresh = await scoreLead(lead.id);
    // The stored score itself: same time of scoring, nothing written.
    expect(fresh).toMatchObject({ score: before.score, probability: before.probability, scored_at: before.scored_at.toISOString(), model_version: 'lead-score@1' });
    expect((await stored(lead.id))!.scored_at).toEqual(before.scored_at);

    // An import that changes the contact (no worker runs: nothing rescores it in the background).
    const dataEnd = await new LeadScoringEngine(hub.store.dataSource).loader.dataEnd();
    const when = (days: number) => new Date(dataEnd - days * DAY).toISOString();
    const lines = ['demo', 'meeting', 'email_replied', 'form_submitted'].map((type, index) =>
      activity(9_300_000 + index, lead.id, { type, occurred_at: when(1 + index), deal_id: null, metadata: {} }));
    const response = await fetch(`${hub.url}/api/bundles`, { method: 'POST', headers: { ...hub.auth, 'content-type': 'application/x-ndjson' }, body: bundleText(lines) });
    expect(response.status).toBe(200);
    const changed = await scoreLead(lead.id);
    expect(changed.probability).toBeGreaterThan(before.probability);
    expect(Date.parse(changed.scored_at)).toBeGreaterThan(before.scored_at.getTime());
    const after = (await stored(lead.id))!;
    expect(after).toMatchObject({ score: changed.score, probability: changed.probability });

    // Recomputed once: the next answer is that stored score again.
    expect(await scoreLead(lead.id)).toEqual({ ...changed, percentile: expect.any(Number) });
    expect((await stored(lead.id))!.scored_at).toEqual(after.scored_at);
  });

  it('stops answering from a score it remembers once another process stored a new one, and once the contact is erased', async () => {
    const post = (id: number) => fetch(`${hub.url}/api/mcp/score-lead`, {
      method: 'POST', headers: { ...hub.auth, 'content-type': 'application/json' }, body: JSON.stringify({ contact_id: id }),
    });
    const [lead] = await hub.store.dataSource.query(`
      SELECT c.id::int AS id FROM ${s}.contacts c JOIN ${s}.lead_scores ls ON ls.contact_id = c.id
      WHERE c.lifecycle_stage = 'lead' ORDER BY ls.probability DESC LIMIT 1`);
    const first = (await (await post(lead.id)).json()) as { score: number };
    expect(first.score).toBeGreaterThan(1);
    // Another process (a worker's rescore) stores a different score and announces it, as ScoreLeadsJob does.
    await hub.store.dataSource.query(`UPDATE ${s}.lead_scores SET score = 1 WHERE contact_id = $1`, [lead.id]);
    await hub.app.get(HubEventsService).publish({ source: 'scoring', derived: { 'lead-score': [lead.id] } });
    // Well within the 60 s a remembered score may live without an event.
    await waitFor('the new stored score', async () => (((await (await post(lead.id)).json()) as { score: number }).score === 1 ? true : undefined), 2_000);

    const erased = await fetch(`${hub.url}/api/contacts/${lead.id}?erase=true`, { method: 'DELETE', headers: hub.auth });
    expect(erased.status).toBe(200);
    const after = await post(lead.id);
    expect(after.status).toBe(404);
    expect(((await after.json()) as { detail: string }).detail).toContain(String(lead.id));
  });

  it('once its change-event connection dropped and came back, reuses no score stored before', async () => {
    const scoreLead = async (id: number) => {
      const response = await fetch(`${hub.url}/api/mcp/score-lead`, {
        method: 'POST', headers: { ...hub.auth, 'content-type': 'application/json' }, body: JSON.stringify({ contact_id: id }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { probability: number; scored_at: string };
    };
    const [lead] = await hub.store.dataSource.query(`
      SELECT c.id::int AS id FROM ${s}.contacts c JOIN ${s}.lead_scores ls ON ls.contact_id = c.id
      WHERE c.lifecycle_stage = 'lead' ORDER BY ls.probability LIMIT 1 OFFSET 3`);
    const before = await scoreLead(lead.id);
    expect(await scoreLead(lead.id)).toEqual(before); // reused while events are heard

    const states: string[] = [];
    const stopGaps = hub.app.get(HubEventsService).onGap((state) => void states.push(state));
    await killEventsConnection(hub.config.redis.url, hub.config.redis.prefix);
    await waitFor('the connection back', async () => (states.includes('resumed') ? true : undefined), 10_000);
    stopGaps();
    // Changes announced while it was down are lost: the score is recomputed (same data: same probability).
    const after = await scoreLead(lead.id);
    expect(Date.parse(after.scored_at)).toBeGreaterThan(Date.parse(before.scored_at));
    expect(after.probability).toBe(before.probability);
    expect(await scoreLead(lead.id)).toEqual(after);
  });

  it('publishes the change event of a CLI import while Redis answers, and imports without it otherwise', async () => {
    const seen: HubChangeEvent[] = [];
    const stop = await hub.app.get(HubEventsService).subscribe((event) => void (event.source === 'import' ? seen.push(event) : undefined));
    const env = { DATABASE_URL: TEST_POSTGRES_URL, HUB_DB_SCHEMA: hub.store.schema, HUB_REDIS_PREFIX: hub.config.redis.prefix, HUB_DEMO: 'off', LOG_LEVEL: 'warn' };
    const [{ id }] = await hub.store.dataSource.query(`SELECT id::int AS id FROM ${s}.contacts ORDER BY id LIMIT 1`);
    const run = await runHub(['import', '-'], env, bundleText([activity(9_200_000, id)]));
    expect(run.code, run.stderr).toBe(0);
    const event = await waitFor('the CLI import event', async () => seen.find((e) => e.records?.activity?.includes(9_200_000)), 10_000);
    expect(event.contacts).toEqual([id]);
    const offline = await runHub(['import', '-'], { ...env, REDIS_URL: 'redis://127.0.0.1:1' }, bundleText([activity(9_200_001, id)]));
    expect(offline.code, offline.stderr).toBe(0);
    await new Promise((done) => setTimeout(done, 500));
    expect(seen.some((e) => e.records?.activity?.includes(9_200_001))).toBe(false);
    stop();
  });

  it('registers the retraining schedule with the configured pattern', async () => {
    const scheduler = await hub.app.get(JobsService).queue(QUEUES.training).getJobScheduler(LEAD_RETRAIN_SCHEDULER);
    expect(scheduler).toMatchObject({ pattern: '15 4 * * 1', name: 'train-lead-model' });
  });

  it('queues a training job once enough new outcomes arrived, and not before', async () => {
    const trigger = hub.app.get(LeadRetrainTrigger);
    trigger.onModuleDestroy(); // drop the check the REST import above scheduled: this test runs its own
    expect(await trigger.check()).toMatchObject({ decision: { retrain: false }, job: null });

    // Labelled leads that never converted, converting 30 days after creation (within their horizon).
    const candidates: { id: number; created: Date }[] = await hub.store.dataSource.query(`
      SELECT c.id::int AS id, c.created_at AS created FROM ${s}.contacts c
      WHERE c.created_at < (SELECT max(occurred_at) FROM ${s}.activities) - interval '150 days'
        AND NOT EXISTS (SELECT 1 FROM ${s}.activities a WHERE a.contact_id = c.id AND a.type = 'lifecycle_changed' AND a.metadata->>'to' = 'customer')
        AND NOT EXISTS (SELECT 1 FROM ${s}.deals d WHERE d.contact_id = c.id AND d.stage = 'closed_won')
      ORDER BY c.id LIMIT 60`);
    const convert = (from: number, to: number) => importBundle(hub.store.dataSource, chunked(bundleText(candidates.slice(from, to).map((c, i) =>
      activity(9_100_000 + from + i, c.id, { type: 'lifecycle_changed', occurred_at: new Date(c.created.getTime() + 30 * DAY).toISOString(), deal_id: null, metadata: { from: 'lead', to: 'customer' } })))));

    await convert(0, 3);
    expect(await trigger.check()).toMatchObject({ decision: { retrain: false }, job: null });
    await convert(3, 60);
    const { decision, job } = await trigger.check();
    expect(decision).toMatchObject({ retrain: true, reason: expect.stringMatching(/new known conversions|grew/) });
    expect(job).toMatchObject({ queue: 'hub-training', name: 'train-lead-model', state: 'waiting', id: expect.stringMatching(/^retrain-lead-score-v1-c\d+$/) });
    // Another check (another API instance, say) while it waits queues nothing more.
    expect((await trigger.check()).job).toBeNull();
  });
});

describe('retraining schedule switched off', () => {
  it('registers no scheduler', async () => {
    const hub = await startTestApp('embedded', { HUB_LEAD_RETRAIN_CRON: 'off' });
    try {
      expect(await hub.app.get(JobsService).queue(QUEUES.training).getJobScheduler(LEAD_RETRAIN_SCHEDULER)).toBeUndefined();
    } finally {
      await hub.close();
    }
  });
});
