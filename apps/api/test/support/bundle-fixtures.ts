import type { DataSource } from 'typeorm';
import { exportBundle } from '../../src/modules/bundles/bundle-exporter';

export type Line = string | { type: string; data: Record<string, unknown> };

export const at = (day: number) => new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString();

export const user = (id: number, extra: Record<string, unknown> = {}) =>
  ({ type: 'user', data: { id, name: `User ${id}`, email: `u${id}@hub.test`, role: 'rep', team: 'SMB', ...extra } });
export const company = (id: number, extra: Record<string, unknown> = {}) =>
  ({ type: 'company', data: { id, name: `Company ${id}`, industry: 'Software', employees: 50, created_at: at(0), ...extra } });
export const contact = (id: number, companyId: number | null, extra: Record<string, unknown> = {}) =>
  ({
    type: 'contact',
    data: {
      id, company_id: companyId, first_name: 'Ada', last_name: `Number${id}`, email: `c${id}@hub.test`,
      lifecycle_stage: 'lead', created_at: at(1), ...extra,
    },
  });
export const deal = (id: number, contactId: number, extra: Record<string, unknown> = {}) =>
  ({
    type: 'deal',
    data: { id, name: `Deal ${id}`, contact_id: contactId, amount: 1000, currency: 'EUR', stage: 'prospecting', created_at: at(2), ...extra },
  });
export const activity = (id: number, contactId: number, extra: Record<string, unknown> = {}) =>
  ({ type: 'activity', data: { id, type: 'call', contact_id: contactId, occurred_at: at(3), ...extra } });
export const remove = (entity: string, id: number | string) =>
  ({ type: 'delete', data: entity === 'product' ? { entity, code: id } : { entity, id } });

/** Bundle text from lines; objects are JSON-encoded, strings go in as they are. */
export function bundleText(lines: Line[], eol = '\n'): string {
  return lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join(eol) + eol;
}

/** A bundle as a byte stream cut into small, odd-sized chunks, as a network would deliver it. */
export async function* chunked(text: string | Buffer, size = 7919): AsyncGenerator<Buffer> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

export async function exportText(dataSource: DataSource): Promise<string> {
  let text = '';
  for await (const lines of exportBundle(dataSource)) text += lines;
  return text;
}
