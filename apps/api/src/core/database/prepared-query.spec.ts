import { QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/test-store';
import { queryPrepared } from './prepared-query';
import { isEmbeddedStore } from './store-kind';

describe.each(await storeKinds())('prepared reads on %s PostgreSQL', (kind) => {
  let store: TestStore;
  let lookup: string;

  beforeAll(async () => {
    store = await createTestStore(kind);
    await store.dataSource.query(`INSERT INTO "${store.schema}".companies (id, name, created_at) VALUES (1, 'Acme', now()), (2, 'Globex', now())`);
    lookup = `SELECT id::int AS id, name FROM "${store.schema}".companies WHERE id = $1`;
  });
  afterAll(() => store.close());

  it('knows which store it is on', async () => {
    expect(await isEmbeddedStore(store.dataSource)).toBe(kind === 'embedded');
  });

  it('answers as a plain query does, also many at once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => queryPrepared(store.dataSource, lookup, [1 + (i % 3)])));
    expect(answers.map((rows) => rows[0]?.['name'] ?? null)).toEqual(Array.from({ length: 20 }, (_, i) => ['Acme', 'Globex', null][i % 3]));
    expect(await queryPrepared(store.dataSource, lookup, [2])).toEqual(await store.dataSource.query(lookup, [2]));
  });

  it.runIf(kind === 'postgres')('on a server, is kept prepared by the connection that ran it', async () => {
    await queryPrepared(store.dataSource, lookup, [1]);
    // Sequential calls reuse the pool's last idle connection, so this asks the same session.
    const [prepared] = await queryPrepared<{ n: number }>(store.dataSource, 'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [lookup]);
    expect(prepared!.n).toBe(1);
  });

  it('reports a failure as a failed query naming the statement, and keeps working after it', async () => {
    const broken = `SELECT no_such_column FROM "${store.schema}".companies WHERE id = $1`;
    const failure = await queryPrepared(store.dataSource, broken, [1]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).query).toBe(broken);
    expect((failure as Error).message).toMatch(/no_such_column/);
    expect(await queryPrepared(store.dataSource, lookup, [1])).toEqual([{ id: 1, name: 'Acme' }]);
  });

  it('keeps answering after the table changes under it (the plan is rebuilt)', async () => {
    expect(await queryPrepared(store.dataSource, lookup, [2])).toEqual([{ id: 2, name: 'Globex' }]);
    await store.dataSource.query(`ALTER TABLE "${store.schema}".companies ADD COLUMN nickname text`);
    await store.dataSource.query(`UPDATE "${store.schema}".companies SET name = 'Globex Corp' WHERE id = 2`);
    expect(await queryPrepared(store.dataSource, lookup, [2])).toEqual([{ id: 2, name: 'Globex Corp' }]);
  });
});
