import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, type TestStore } from '../../../test/support/test-store';
import { AuditService } from './audit.service';

describe('audit rows written in groups on PostgreSQL', () => {
  let store: TestStore;
  const count = async (operation: string): Promise<number> =>
    (await store.dataSource.query(`SELECT count(*)::int AS n FROM "${store.schema}".audit_log WHERE operation = $1`, [operation]))[0].n;

  beforeAll(async () => {
    store = await createTestStore('postgres');
  });
  afterAll(async () => store?.close());

  it('commits each row before its record() resolves, 200 concurrent rows in a few INSERTs', async () => {
    const audit = new AuditService(store.dataSource);
    // Counts INSERT statements (passing each through to the database).
    const dataSource = store.dataSource;
    const query = dataSource.query.bind(dataSource);
    let inserts = 0;
    dataSource.query = ((sql: string, ...rest: unknown[]) => {
      if (/INSERT INTO\s+\S+audit_log/.test(sql)) inserts++;
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as typeof dataSource.query;
    let committedBeforeResolve = 0;
    await Promise.all(Array.from({ length: 200 }, async (_, index) => {
      await audit.record({ keyId: 'k', operation: 'batch.test', outcome: 'ok', subjectIds: [index] });
      const [row] = await store.dataSource.query(
        `SELECT 1 FROM "${store.schema}".audit_log WHERE operation = 'batch.test' AND $1 = ANY(subject_ids)`, [index]);
      if (row) committedBeforeResolve++;
    }));
    expect(committedBeforeResolve).toBe(200);
    expect(await count('batch.test')).toBe(200);
    dataSource.query = query;
    // The first row went alone, at once; the rest queued behind it and went in together.
    expect(inserts).toBeGreaterThanOrEqual(2);
    expect(inserts).toBeLessThan(20);
    const page = await audit.query({ operation: 'batch.test', limit: 500 });
    expect(page.items).toHaveLength(200);
  });

  it('writes the good rows of a group when one row is refused, and rejects only that one', async () => {
    const audit = new AuditService(store.dataSource);
    const results = await Promise.allSettled([
      audit.record({ keyId: 'k', operation: 'mixed.test', outcome: 'ok' }),
      audit.record({ keyId: 'k', operation: 'mixed.test', outcome: 'ok' }),
      audit.record({ keyId: 'k', operation: 'mixed.test', outcome: 'not-an-outcome' as never }),
      audit.record({ keyId: 'k', operation: 'mixed.test', outcome: 'error' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await count('mixed.test')).toBe(3);
  });

  it('answers a read under a steady stream of rows, having waited only for the rows before it', async () => {
    const audit = new AuditService(store.dataSource);
    let writing = true;
    const writers = Array.from({ length: 20 }, async () => {
      while (writing) await audit.record({ keyId: 'k', operation: 'steady.test', outcome: 'ok' });
    });
    await new Promise((done) => setTimeout(done, 100));
    const before = await count('steady.test');
    const page = await audit.query({ operation: 'steady.test', limit: 1 });
    const stillWriting = writing;
    writing = false;
    await Promise.all(writers);
    expect(stillWriting).toBe(true);
    expect(page.items).toHaveLength(1);
    expect(before).toBeGreaterThan(0);
  });

  it('flushes rows still queued on shutdown', async () => {
    const audit = new AuditService(store.dataSource);
    const writes = Array.from({ length: 50 }, () => audit.recordQuietly({ keyId: 'k', operation: 'shutdown.test', outcome: 'ok' }));
    await audit.onApplicationShutdown();
    expect(await count('shutdown.test')).toBe(50);
    await Promise.all(writes);
  });
});
