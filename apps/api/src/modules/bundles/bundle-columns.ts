import type { RecordType } from '@hub/contracts';

export type ColumnKind = 'bigint' | 'text' | 'integer' | 'numeric' | 'boolean' | 'timestamptz' | 'date' | 'jsonb' | 'bigint[]' | 'text[]';

export interface BundleColumn {
  name: string;
  kind: ColumnKind;
}

const col = (name: string, kind: ColumnKind): BundleColumn => ({ name, kind });

/**
 * How each contract field is stored: the one map the importer, the exporter and the benchmark
 * share. Column names are the contract's field names; the migration creates the same columns.
 */
export const BUNDLE_COLUMNS: Record<RecordType, readonly BundleColumn[]> = {
  user: [col('id', 'bigint'), col('name', 'text'), col('email', 'text'), col('role', 'text'), col('team', 'text')],
  company: [
    col('id', 'bigint'), col('name', 'text'), col('domain', 'text'), col('industry', 'text'), col('employees', 'integer'),
    col('annual_revenue', 'numeric'), col('country', 'text'), col('created_at', 'timestamptz'), col('custom', 'jsonb'),
  ],
  product: [col('code', 'text'), col('name', 'text'), col('family', 'text'), col('list_price', 'numeric'), col('currency', 'text')],
  contact: [
    col('id', 'bigint'), col('company_id', 'bigint'), col('owner_id', 'bigint'), col('first_name', 'text'),
    col('last_name', 'text'), col('email', 'text'), col('phone', 'text'), col('title', 'text'), col('seniority', 'text'),
    col('is_decision_maker', 'boolean'), col('lead_source', 'text'), col('lifecycle_stage', 'text'),
    col('created_at', 'timestamptz'), col('updated_at', 'timestamptz'), col('custom', 'jsonb'),
  ],
  deal: [
    col('id', 'bigint'), col('name', 'text'), col('company_id', 'bigint'), col('contact_id', 'bigint'),
    col('owner_id', 'bigint'), col('amount', 'numeric'), col('currency', 'text'), col('stage', 'text'),
    col('budget_confirmed', 'boolean'), col('expected_close_date', 'date'), col('created_at', 'timestamptz'),
    col('closed_at', 'timestamptz'), col('lost_reason', 'text'), col('products', 'text[]'), col('custom', 'jsonb'),
  ],
  activity: [
    col('id', 'bigint'), col('type', 'text'), col('contact_id', 'bigint'), col('deal_id', 'bigint'),
    col('user_id', 'bigint'), col('occurred_at', 'timestamptz'), col('metadata', 'jsonb'),
  ],
  email: [
    col('id', 'bigint'), col('direction', 'text'), col('contact_id', 'bigint'), col('deal_id', 'bigint'),
    col('subject', 'text'), col('body', 'text'), col('sent_at', 'timestamptz'), col('thread_id', 'text'),
  ],
  meeting: [
    col('id', 'bigint'), col('title', 'text'), col('deal_id', 'bigint'), col('contact_ids', 'bigint[]'),
    col('user_id', 'bigint'), col('started_at', 'timestamptz'), col('duration_minutes', 'integer'), col('notes', 'text'),
  ],
  subscription: [
    col('id', 'bigint'), col('company_id', 'bigint'), col('product', 'text'), col('mrr', 'numeric'),
    col('currency', 'text'), col('started_at', 'timestamptz'), col('ended_at', 'timestamptz'),
  ],
  ticket: [
    col('id', 'bigint'), col('company_id', 'bigint'), col('contact_id', 'bigint'), col('subject', 'text'),
    col('priority', 'text'), col('status', 'text'), col('created_at', 'timestamptz'), col('solved_at', 'timestamptz'),
  ],
};

/** Array- and JSON-valued columns travel as text inside `unnest` arrays and are cast per row. */
export function isTextEncoded(kind: ColumnKind): boolean {
  return kind === 'jsonb' || kind === 'bigint[]' || kind === 'text[]';
}

/** A value as it travels to PostgreSQL inside a parameter array. */
export function toParameter(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'jsonb':
      return JSON.stringify(value);
    case 'bigint[]':
      return `{${(value as number[]).join(',')}}`;
    case 'text[]':
      return `{${(value as string[]).map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
    case 'text':
      return String(value);
    default:
      return value;
  }
}

/** A parameter value (see toParameter) as a field of COPY's text format. */
export function toCopyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'string' ? value : String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : text;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

/** A COPY text field back into a parameter value (text, or null): the inverse of toCopyField. */
export function fromCopyField(field: string): string | null {
  if (field === '\\N') return null;
  return field.includes('\\') ? field.replace(/\\([\\tnr])/g, (_, code: string) => COPY_ESCAPES[code]!) : field;
}

/** Rows of COPY text (each ending in a newline) as one array per column, for `unnest` parameters. */
export function copyRowsToColumns(rows: readonly string[], columnCount: number): (string | null)[][] {
  const columns: (string | null)[][] = Array.from({ length: columnCount }, () => new Array(rows.length));
  rows.forEach((row, index) => {
    const fields = row.split('\t');
    for (let column = 0; column < columnCount; column++) columns[column]![index] = fromCopyField(fields[column]!);
  });
  return columns;
}

/** A batch's COPY text split into its rows (newlines inside values are escaped, so each row is one line). */
export function splitCopyRows(text: string): string[] {
  const rows = text.split('\n');
  rows.pop();
  return rows;
}
