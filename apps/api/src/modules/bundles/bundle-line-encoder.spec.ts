import { describe, expect, it } from 'vitest';
import { type RecordType, RECORD_KEYS } from '@hub/contracts';
import { readNdjsonLineBatches } from '@hub/bundle';
import { activity, at, bundleText, chunked, company, contact, deal, type Line, remove, user } from '../../../test/support/bundle-fixtures';
import { BUNDLE_COLUMNS, toCopyField, toParameter } from './bundle-columns';
import { DELETE_FLAG, encodeBundleLines } from './bundle-line-encoder';

/** The COPY row as the importer wrote it before the line encoder: the reference. */
const referenceRow = (type: RecordType, data: Record<string, unknown>) =>
  BUNDLE_COLUMNS[type].map((column) => toCopyField(toParameter(column.kind, data[column.name]))).join('\t') + '\n';

describe('encodeBundleLines', () => {
  it('encodes each valid line as the COPY row, key and references the writer expects, and lists the bad ones', async () => {
    const lines: Line[] = [
      user(1, { team: null }), company(10, { name: 'Tab\there\\ "q" 東京 ✓', custom: { note: 'a\nb', n: 1.25 }, annual_revenue: 1e21 }),
      contact(100, 10, { owner_id: 1, is_decision_maker: false, title: 'Naïve\r\nCTO' }),
      deal(1000, 100, { products: ['CORE', 'Add "on"'], expected_close_date: '2024-05-01T23:30:00-05:00', amount: 0.1 }),
      { type: 'email', data: { id: 1, direction: 'inbound', contact_id: 100, subject: 'Re', body: 'x', sent_at: at(5), thread_id: 77 } },
      { type: 'meeting', data: { id: 9, title: 'Intro', contact_ids: [100, 101], started_at: at(4), duration_minutes: 30, notes: '' } },
      { type: 'product', data: { code: 'B-1', name: 'B1' } }, remove('product', 'B-1'), remove('contact', 5),
      activity(5000, 100, { occurred_at: 'soon' }), activity(5001, 100, { contact_id: null, deal_id: 1000 }),
    ];
    const parsed = lines.map((line) => (typeof line === 'string' ? undefined : line));
    const batches = [];
    for await (const batch of readNdjsonLineBatches(chunked(bundleText(lines), 1 << 20))) batches.push(batch);
    expect(batches).toHaveLength(1);
    const encoded = encodeBundleLines(batches[0]!);

    expect(encoded.errors).toEqual([{ line: 10, field: 'data.occurred_at', reason: expect.stringMatching(/ISO 8601/) }]);
    expect(encoded.count).toBe(10);
    expect(encoded.lastLine).toBe(11);
    const rows = Buffer.from(encoded.rows).toString('utf8');
    let code = 0;
    let rowStart = 0;
    const bytes = Buffer.from(encoded.rows);
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 10].forEach((lineIndex, entry) => {
      const { type, data } = parsed[lineIndex]!;
      expect(encoded.lines[entry]).toBe(lineIndex + 1);
      const isDelete = type === 'delete';
      const recordType = (isDelete ? data['entity'] : type) as RecordType;
      expect(encoded.kinds[entry]! >= DELETE_FLAG).toBe(isDelete);
      const key = Number.isNaN(encoded.ids[entry]) ? encoded.codes[code++] : encoded.ids[entry];
      expect(key).toBe(data[RECORD_KEYS[recordType]]);
      const row = bytes.toString('utf8', rowStart, encoded.rowEnds[entry]);
      rowStart = encoded.rowEnds[entry]!;
      if (isDelete) expect(row).toBe('');
      else if (type === 'deal') expect(row).toBe(referenceRow('deal', { ...data, expected_close_date: '2024-05-01' }));
      else expect(row).toBe(referenceRow(recordType, data));
    });
    expect(rows).toContain('Tab\\there\\\\ "q" 東京 ✓');
    // References: the meeting names two contacts; the contact-less activity only its deal.
    const refsOf = (entry: number) => Array.from(encoded.refIds.subarray(entry > 0 ? encoded.refEnds[entry - 1] : 0, encoded.refEnds[entry]));
    expect(refsOf(5)).toEqual([100, 101]);
    expect(refsOf(9)).toEqual([1000]);
  });
});
