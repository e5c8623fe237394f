import type { RecordLike } from '@hub/lead-scoring';

const TIME_FIELD: Record<string, string> = {
  company: 'created_at', contact: 'created_at', deal: 'created_at', activity: 'occurred_at', email: 'sent_at', meeting: 'started_at',
};
const before = (value: unknown, t: number) => typeof value === 'string' && Date.parse(value) < t;

/**
 * The records as a CRM would have exported them at `t`: nothing created or happening at or after it,
 * and every deal in the state it was in then (stage from its history, not closed yet, the expected
 * close date before later pushes). For leakage tests: features at `t` must not tell the two apart.
 */
export function truncateRecords(records: readonly RecordLike[], t: number): RecordLike[] {
  const stageAt = new Map<number, { at: number; to: string }>();
  const closeDateAt = new Map<number, { at: number; from: unknown }>();
  for (const { type, data } of records) {
    if (type !== 'activity' || typeof data['deal_id'] !== 'number') continue;
    const at = Date.parse(String(data['occurred_at']));
    const metadata = (data['metadata'] ?? {}) as Record<string, unknown>;
    const dealId = data['deal_id'];
    if (data['type'] === 'stage_changed' && at < t && at >= (stageAt.get(dealId)?.at ?? -Infinity)) stageAt.set(dealId, { at, to: String(metadata['to']) });
    // The date standing at t is the `from` of the first change made at or after t.
    if (metadata['field'] === 'expected_close_date' && at >= t && at < (closeDateAt.get(dealId)?.at ?? Infinity)) closeDateAt.set(dealId, { at, from: metadata['from'] });
  }
  const kept: RecordLike[] = [];
  for (const record of records) {
    const field = TIME_FIELD[record.type];
    if (!field) {
      if (record.type === 'user' || record.type === 'product') kept.push(record);
      continue;
    }
    if (!before(record.data[field], t)) continue;
    if (record.type !== 'deal') {
      kept.push(record);
      continue;
    }
    const deal = { ...record.data };
    const id = deal['id'] as number;
    if (!before(deal['closed_at'], t)) {
      deal['stage'] = stageAt.get(id)?.to ?? 'prospecting';
      deal['closed_at'] = null;
      deal['lost_reason'] = null;
    }
    const pushed = closeDateAt.get(id);
    if (pushed) deal['expected_close_date'] = pushed.from;
    kept.push({ type: 'deal', data: deal });
  }
  return kept;
}
