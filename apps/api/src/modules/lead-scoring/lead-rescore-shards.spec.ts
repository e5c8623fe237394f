import { QUEUES, type TrainLeadModelResult } from '@hub/contracts';
import { type Job, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTestWorker, startTestApp, startTestWorker, type TestApp } from '../../../test/support/test-app';
import { waitFor } from '../../../test/support/wait-for';
import { loadDemoIntoStore } from '../../cli/demo-command';
import { JobsService } from '../../core/queue/jobs.service';
import { redisOptions } from '../../core/queue/redis-options';
import { LeadScoringEngine } from './lead-scoring.engine';
import { OPEN_LEAD_STAGES } from './lead-snapshot.loader';
import { SCORE_LEADS_SHARD_JOB } from './lead-rescore-shards';
import { SCORE_LEADS_JOB, type ScoreLeadsJobData, type ScoreLeadsResult } from './score-leads.job';

/** Open leads per shard here: the small demo's few hundred open leads make several shards. */
const SHARD_LEADS = 100;

describe('a batch rescore split into shard jobs on PostgreSQL with the small demo data', () => {
  let hub: TestApp;
  let s: string;
  let jobs: JobsService;
  let openLeads: number;

  const submit = () => jobs.submit(QUEUES.scoring, SCORE_LEADS_JOB, { requestedBy: 'test', reason: 'test' } satisfies ScoreLeadsJobData);
  const finished = (id: string) => waitFor(`job ${id}`, async () => {
    const view = await jobs.get(id);
    if (view.state === 'failed' || view.state === 'cancelled') throw new Error(`job ${id} ended ${view.state}: ${view.error}`);
    return view.state === 'completed' ? view : undefined;
  }, 90_000);
  const shardsOf = async (parentId: string): Promise<Job[]> => {
    const all = await jobs.queue(QUEUES.scoring).getJobs(['completed', 'failed', 'waiting', 'active'], 0, 1000);
    return all.filter((job) => job.name === SCORE_LEADS_SHARD_JOB && job.data.parentId === parentId);
  };

  beforeAll(async () => {
    hub = await startTestApp('postgres', { HUB_SCORING_SHARD_LEADS: String(SHARD_LEADS), HUB_WORKER_CONCURRENCY: '1', HUB_LEAD_RETRAIN_CRON: 'off' });
    s = `"${hub.store.schema}"`;
    jobs = hub.app.get(JobsService);
    await loadDemoIntoStore(hub.store.dataSource, { size: 'small', seed: 42 });
    const trained = await new LeadScoringEngine(hub.store.dataSource).train('test');
    expect(trained.outcome).toBe('model');
    [{ n: openLeads }] = await hub.store.dataSource.query(`SELECT count(*)::int AS n FROM ${s}.contacts WHERE lifecycle_stage = ANY($1::text[])`, [OPEN_LEAD_STAGES]);
    expect(openLeads).toBeGreaterThan(3 * SHARD_LEADS);
  }, 120_000);
  afterAll(async () => hub?.close());

  it('scores every open lead exactly once across shards taken by two worker processes, and sums them in one result and audit row', async () => {
    const inProcess = await startTestWorker(hub);
    const other = spawnTestWorker(hub, { HUB_SCORING_SHARD_LEADS: String(SHARD_LEADS), HUB_WORKER_CONCURRENCY: '1' });
    try {
      const queue = jobs.queue(QUEUES.scoring);
      await waitFor('both workers on the scoring queue', async () => ((await queue.getWorkersCount()) >= 2 ? true : undefined), 60_000);
      const [{ before }] = await hub.store.dataSource.query(`SELECT now() AS before`);
      const submitted = await submit();
      const done = await finished(submitted.id);
      const result = done.result as ScoreLeadsResult;
      const expectedShards = Math.floor(openLeads / SHARD_LEADS) + 1;
      expect(result).toEqual({ method: 'model', modelVersion: 'lead-score@1', scored: openLeads, skipped: 0, shards: expectedShards });

      // Each open lead's score was written once by this run, and every shard did its part.
      const [fresh] = await hub.store.dataSource.query(`
        SELECT count(*)::int AS scored, count(DISTINCT ls.contact_id)::int AS contacts
        FROM ${s}.lead_scores ls JOIN ${s}.contacts c ON c.id = ls.contact_id
        WHERE c.lifecycle_stage = ANY($1::text[]) AND ls.scored_at >= $2`, [OPEN_LEAD_STAGES, before]);
      expect(fresh).toEqual({ scored: openLeads, contacts: openLeads });
      const shards = await shardsOf(submitted.id);
      expect(shards).toHaveLength(expectedShards);
      const counts = await Promise.all(shards.map(async (shard) => ({ state: await shard.getState(), scored: (shard.returnvalue as ScoreLeadsResult).scored })));
      expect(counts.every((c) => c.state === 'completed')).toBe(true);
      expect(counts.reduce((sum, c) => sum + c.scored, 0)).toBe(openLeads);
      // More workers take shards at once: both processes did some.
      expect(new Set(shards.map((shard) => shard.processedBy)).size).toBe(2);

      const audit = await hub.store.dataSource.query(
        `SELECT detail FROM ${s}.audit_log WHERE operation = 'lead.rescore' AND detail->>'reason' = 'test'`);
      expect(audit).toEqual([{ detail: expect.objectContaining({ scored: openLeads, skipped: 0, shards: expectedShards }) }]);
    } finally {
      await Promise.all([inProcess.close(), other.close()]);
    }
  }, 120_000);

  it('trains a new version whose rescore of the open leads runs as shard jobs, and completes once they all have', async () => {
    const worker = await startTestWorker(hub);
    const events = new QueueEvents(QUEUES.training, { connection: redisOptions(hub.config.redis.url, 'worker'), prefix: hub.config.redis.prefix });
    try {
      await events.waitUntilReady();
      const progress: number[] = [];
      events.on('progress', ({ data }) => void progress.push((data as { percent: number }).percent));
      const submitted = await jobs.submit(QUEUES.training, 'train-lead-model', { requestedBy: 'test' });
      const result = (await finished(submitted.id)).result as TrainLeadModelResult;
      expect(result).toMatchObject({ outcome: 'model', version: { label: 'lead-score@2' }, rescored: openLeads });
      const versions = await hub.store.dataSource.query(`
        SELECT ls.model_version, count(*)::int AS n FROM ${s}.lead_scores ls JOIN ${s}.contacts c ON c.id = ls.contact_id
        WHERE c.lifecycle_stage = ANY($1::text[]) GROUP BY 1`, [OPEN_LEAD_STAGES]);
      expect(versions).toEqual([{ model_version: 'lead-score@2', n: openLeads }]);
      const shards = await shardsOf(submitted.id);
      expect(shards.length).toBe(Math.floor(openLeads / SHARD_LEADS) + 1);
      // Training reports up to 80, the shards carry it on, and it ends at 100, never going back.
      expect(progress.some((p) => p > 80 && p < 100)).toBe(true);
      expect(progress.at(-1)).toBe(100);
      expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    } finally {
      await Promise.all([worker.close(), events.close()]);
    }
  }, 120_000);

  it('ends as cancelled when cancelled while its shards run, the shards not yet started never score, and job.failed is announced once', async () => {
    const hook = await fetch(`${hub.url}/api/webhooks`, {
      method: 'POST', headers: { ...hub.auth, 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://127.0.0.1:9/jobs', events: ['job.failed'] }),
    });
    expect(hook.status).toBe(201);
    // A worker process of its own: one in this process would hold the event loop that sends the cancel.
    const worker = spawnTestWorker(hub, { HUB_SCORING_SHARD_LEADS: String(SHARD_LEADS), HUB_WORKER_CONCURRENCY: '1' });
    const events = new QueueEvents(QUEUES.scoring, { connection: redisOptions(hub.config.redis.url, 'worker'), prefix: hub.config.redis.prefix });
    try {
      await events.waitUntilReady();
      await waitFor('the worker process', async () => ((await jobs.queue(QUEUES.scoring).getWorkersCount()) >= 1 ? true : undefined), 60_000);
      // Cancelled the moment the batch starts waiting for its shards: one worker taking one at a time has done few.
      let submittedId = '';
      const cancelled = new Promise<void>((done, fail) => events.on('waiting-children', ({ jobId }) => {
        if (jobId === submittedId) jobs.cancel(jobId).then(() => done(), fail);
      }));
      const submitted = await submit();
      submittedId = submitted.id;
      await cancelled;
      const ended = await waitFor('the batch to end', async () => {
        const view = await jobs.get(submitted.id);
        return ['completed', 'failed', 'cancelled'].includes(view.state) ? view : undefined;
      }, 60_000);
      expect(ended.state).toBe('cancelled');
      // The batch fails with its first cancelled shard; the others end after it, each as it is taken.
      await waitFor('every shard to end', async () => {
        const states = await Promise.all((await shardsOf(submitted.id)).map((shard) => shard.getState()));
        return states.every((state) => state === 'completed' || state === 'failed') ? true : undefined;
      }, 60_000);
      // Read once they have all ended: a job read before it failed carries no reason.
      const shards = await shardsOf(submitted.id);
      const states = await Promise.all(shards.map((shard) => shard.getState()));
      expect(states.filter((state) => state === 'completed').length).toBeLessThan(shards.length);
      const failed = shards.filter((_, i) => states[i] === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((shard) => shard.failedReason.startsWith('Cancelled'))).toBe(true);
      // A cancelled shard is not retried.
      expect(failed.every((shard) => shard.attemptsMade === 1)).toBe(true);
      // However many shards failed as cancelled, subscribers hear of the batch's failure once.
      const announced = async () => (await jobs.queue(QUEUES.webhooks).getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'], 0, 1000))
        .filter((job) => job.data.payload.type === 'job.failed' && job.data.payload.data.jobId === submitted.id);
      await waitFor('the job.failed announcement', async () => ((await announced()).length > 0 ? true : undefined), 10_000);
      await new Promise((done) => setTimeout(done, 1000));
      expect(await announced()).toHaveLength(1);
    } finally {
      await Promise.all([worker.close(), events.close()]);
    }
  }, 120_000);
});
