import { generateDemo } from '@hub/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBundleChunks } from '../src/cli/demo-command';
import { importBundle } from '../src/modules/bundles/bundle-importer';
import { chunked, exportText } from './support/bundle-fixtures';
import { createTestStore, storeKinds, type TestStore } from './support/test-store';

describe.each(await storeKinds())('the small demo data set on %s PostgreSQL', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => store?.close());

  it('loads completely, twice without change, and exports byte-identically after a round trip', async () => {
    const demo = generateDemo({ size: 'small', seed: 7 });
    const generated = new Map<string, number>();
    const counting = (function* () {
      for (const record of demo.records) {
        generated.set(record.type, (generated.get(record.type) ?? 0) + 1);
        yield record;
      }
    })();
    const first = await importBundle(store.dataSource, demoBundleChunks(counting));
    for (const [type, count] of generated) {
      expect(first.entities[type as keyof typeof first.entities]?.created, type).toBe(count);
    }
    const exported = await exportText(store.dataSource);
    expect(exported.split('\n').length - 1).toBe(first.records);

    const again = await importBundle(store.dataSource, chunked(exported, 1 << 20));
    for (const counts of Object.values(again.entities)) expect(counts.created + counts.updated).toBe(0);

    await store.truncate();
    await importBundle(store.dataSource, chunked(exported, 1 << 20));
    expect(await exportText(store.dataSource)).toBe(exported);
  });
});
