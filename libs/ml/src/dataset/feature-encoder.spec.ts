import { describe, expect, it } from 'vitest';
import { encodeRows } from './encode-rows';
import { encodedColumns, fitFeatureEncoder, type FeatureRow } from './feature-encoder';
import { columnValues, matrixRow, selectRows } from './feature-matrix';

const training: FeatureRow[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ source: 'referral', amount: 100 + i, demo: true })),
  ...Array.from({ length: 10 }, () => ({ source: 'web', amount: null, demo: false })),
  ...Array.from({ length: 3 }, () => ({ source: 'podcast', amount: 5, demo: null })),
  { source: null, amount: 7, demo: true },
];

describe('fitFeatureEncoder', () => {
  const encoder = fitFeatureEncoder(training, { minLevelCount: 10 });

  it('infers kinds and keeps frequent levels, most frequent first', () => {
    expect(encoder.features).toEqual([
      { name: 'source', kind: 'categorical', levels: ['referral', 'web'] },
      { name: 'amount', kind: 'numeric' },
      { name: 'demo', kind: 'boolean' },
    ]);
  });

  it('names the output columns readably, with __other__ last per categorical', () => {
    expect(encodedColumns(encoder).map((c) => c.name)).toEqual([
      'source=referral',
      'source=web',
      'source=__other__',
      'amount',
      'demo',
    ]);
  });

  it('groups rare levels, unseen levels and rare missing values into __other__', () => {
    const matrix = encodeRows(encoder, [
      { source: 'podcast', amount: 1, demo: true },
      { source: 'tiktok', amount: 1, demo: true },
      { source: null, amount: 1, demo: true },
      { source: 'web', amount: 1, demo: true },
    ]);
    expect([...columnValues(matrix, 2)]).toEqual([1, 1, 1, 0]);
    expect([...columnValues(matrix, 1)]).toEqual([0, 0, 0, 1]);
  });

  it('encodes booleans as 0/1 and missing values as NaN', () => {
    const matrix = encodeRows(encoder, [
      { source: 'web', amount: null, demo: null },
      { source: 'web', amount: '12.5', demo: 'yes' },
      { source: 'web', demo: false },
      { source: 'web', amount: 'n/a', demo: 0 },
      { source: 'web', amount: Infinity, demo: '' },
    ]);
    expect([...columnValues(matrix, 3)]).toEqual([NaN, 12.5, NaN, NaN, NaN]);
    expect([...columnValues(matrix, 4)]).toEqual([NaN, 1, 0, 0, NaN]);
  });

  it('keeps missing as a level of its own when it is common', () => {
    const rows: FeatureRow[] = [...Array.from({ length: 5 }, () => ({ c: 'a' })), ...Array.from({ length: 5 }, () => ({ c: '' }))];
    const fitted = fitFeatureEncoder(rows, { minLevelCount: 5 });
    expect(fitted.features[0]!.levels).toEqual(['__missing__', 'a']);
  });

  it('respects explicit features, exclusions, kinds and maxLevels', () => {
    const fitted = fitFeatureEncoder(training, {
      features: ['amount', 'source', 'demo'],
      exclude: ['demo'],
      kinds: { amount: 'categorical' },
      minLevelCount: 1,
      maxLevels: 1,
    });
    expect(fitted.features.map((f) => [f.name, f.kind, f.levels])).toEqual([
      ['amount', 'categorical', ['__missing__']],
      ['source', 'categorical', ['referral']],
    ]);
  });

  it('is plain JSON and re-applies identically after a round trip', () => {
    const restored = JSON.parse(JSON.stringify(encoder));
    const a = encodeRows(encoder, training);
    const b = encodeRows(restored, training);
    expect([...b.values]).toEqual([...a.values]);
  });

  it('can produce float32 matrices and select rows', () => {
    const matrix = encodeRows(encoder, training, 'float32');
    expect(matrix.values).toBeInstanceOf(Float32Array);
    const picked = selectRows(matrix, [0, 12]);
    expect([...matrixRow(picked, 1)]).toEqual([0, 1, 0, NaN, 0]);
  });
});
