import { RECORD_SCHEMAS, type RecordType } from '@hub/contracts';

const FIELD_ORDER = Object.fromEntries(
  Object.entries(RECORD_SCHEMAS).map(([type, schema]) => [type, Object.keys(schema.shape)]),
) as Record<RecordType, string[]>;

/**
 * One bundle line for a record: fields in the contract's order, absent and null fields left out,
 * so that the same data always gives the same bytes.
 */
export function serializeBundleRecord(type: RecordType, data: Record<string, unknown>): string {
  const ordered: Record<string, unknown> = {};
  for (const field of FIELD_ORDER[type]) {
    const value = data[field];
    if (value !== null && value !== undefined) ordered[field] = value;
  }
  return JSON.stringify({ type, data: ordered });
}
