import { RECORD_KEYS, RECORD_REFERENCES, RECORD_SCHEMAS, RECORD_TYPES, type RecordType } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { generateDemo, type BundleRecord } from './index';

/** Checks records against the contract and their references against ids emitted earlier or later. */
function checkBundle(records: Iterable<BundleRecord>, sampleEvery: number) {
  const ids = new Map<RecordType, Set<unknown>>(RECORD_TYPES.map((type) => [type, new Set()]));
  // References to ids not yet seen are checked at the end (the contract allows forward references).
  const pending: Array<{ type: RecordType; field: string; target: RecordType; id: unknown }> = [];
  const problems: string[] = [];
  let index = 0;
  let references = 0;
  for (const record of records) {
    index += 1;
    if (!ids.has(record.type)) problems.push(`unknown type ${record.type}`);
    const key = record.data[RECORD_KEYS[record.type]];
    const seen = ids.get(record.type) as Set<unknown>;
    if (seen.has(key)) problems.push(`duplicate ${record.type} ${String(key)}`);
    seen.add(key);
    for (const ref of RECORD_REFERENCES[record.type]) {
      const value = record.data[ref.field];
      if (value == null) continue;
      for (const id of ref.many ? (value as unknown[]) : [value]) {
        references += 1;
        if (!ids.get(ref.target)?.has(id)) pending.push({ type: record.type, field: ref.field, target: ref.target, id });
      }
    }
    // Static records are few and all checked; streamed ones are sampled on the big sizes.
    const streamed = record.type === 'activity' || record.type === 'email' || record.type === 'meeting';
    if (!streamed || index % sampleEvery === 0) {
      const parsed = RECORD_SCHEMAS[record.type].safeParse(record.data);
      if (!parsed.success) problems.push(`${record.type} ${String(key)}: ${parsed.error.message}`);
    }
  }
  for (const ref of pending) {
    if (!ids.get(ref.target)?.has(ref.id)) problems.push(`${ref.type}.${ref.field} -> missing ${ref.target} ${String(ref.id)}`);
  }
  return { problems, ids, references, forward: pending.length };
}

describe('contract conformance', () => {
  it('small: every record passes its schema and every reference resolves', () => {
    const { problems, ids, references, forward } = checkBundle(generateDemo({ size: 'small', seed: 3 }).records, 1);
    expect(problems.slice(0, 10)).toEqual([]);
    // Parents come before children: nothing refers forward.
    expect(forward).toBe(0);
    for (const type of RECORD_TYPES) expect(ids.get(type)?.size, type).toBeGreaterThan(0);
    expect(references).toBeGreaterThan(100_000);
  });

  it('medium: a sample of streamed records and all others pass; every reference resolves', () => {
    const { problems, ids } = checkBundle(generateDemo({ size: 'medium', seed: 4 }).records, 97);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(ids.get('contact')?.size).toBe(20_000);
  });
});
