import {
  buildLeadExamples, emptyExampleCounts, snapshotsFromRecords, type LeadExample,
} from '@hub/lead-scoring';
import { generateDemo } from '@hub/demo-data';
import type { DataSource } from 'typeorm';
import { OPEN_LEAD_STAGES } from '../src/modules/lead-scoring/lead-snapshot.loader';

/** Id shift per copy: above every id the demo data uses. */
const SHIFT = 10_000_000;

async function columnsOf(dataSource: DataSource, schema: string, table: string): Promise<string[]> {
  const rows: { column_name: string }[] = await dataSource.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, [schema, table]);
  return rows.map((row) => row.column_name);
}

/**
 * Copies the store's open leads, with their activities, emails and deals, under shifted ids until
 * there are at least `target` open leads: all in SQL (INSERT … SELECT over generate_series), so a
 * million leads with their histories take minutes, not hours. Meetings are not copied (the copies
 * score as leads who never met). Returns the number of open leads.
 */
export async function replicateOpenLeads(dataSource: DataSource, schema: string, target: number): Promise<number> {
  const s = `"${schema}"`;
  const [{ open }] = await dataSource.query(`SELECT count(*)::int AS open FROM ${s}.contacts WHERE lifecycle_stage = ANY($1::text[])`, [OPEN_LEAD_STAGES]);
  const copies = Math.max(0, Math.ceil(target / open) - 1);
  if (copies === 0) return open;
  const shifted: Record<string, string> = {
    id: 'x.id + k * $2::bigint', contact_id: 'x.contact_id + k * $2::bigint', deal_id: 'x.deal_id + k * $2::bigint',
  };
  const copy = async (table: string, where: string) => {
    const columns = await columnsOf(dataSource, schema, table);
    const select = columns.map((column) => shifted[column] ?? `x.${column}`).join(', ');
    await dataSource.query(`
      INSERT INTO ${s}.${table} (${columns.join(', ')})
      SELECT ${select} FROM ${s}.${table} x CROSS JOIN generate_series(1, $3::int) AS k WHERE ${where}`, [OPEN_LEAD_STAGES, SHIFT, copies]);
  };
  const openLead = (column: string) => `${column} IN (SELECT id FROM ${s}.contacts WHERE lifecycle_stage = ANY($1::text[]) AND id < $2)`;
  await dataSource.query('SET synchronous_commit = off');
  await copy('contacts', `x.lifecycle_stage = ANY($1::text[]) AND x.id < $2`);
  await copy('deals', openLead('x.contact_id'));
  await copy('activities', `(${openLead('x.contact_id')}) OR (x.contact_id IS NULL AND x.deal_id IN (SELECT id FROM ${s}.deals WHERE ${openLead('contact_id')}))`);
  await copy('emails', openLead('x.contact_id'));
  for (const table of ['contacts', 'deals', 'activities', 'emails']) await dataSource.query(`VACUUM ANALYZE ${s}.${table}`);
  const [{ total }] = await dataSource.query(`SELECT count(*)::int AS total FROM ${s}.contacts WHERE lifecycle_stage = ANY($1::text[])`, [OPEN_LEAD_STAGES]);
  return total;
}

/**
 * At least `target` labelled leads from the demo generator: the `medium` set's own labelled leads,
 * repeated with cut-offs a few seconds apart (so the time split interleaves the copies). The copies
 * add rows, not signal: the figure measures training time, not accuracy.
 */
export function syntheticExamples(target: number): { examples: LeadExample[]; conversions: number } {
  const demo = generateDemo({ size: 'medium', seed: 42 });
  const base = buildLeadExamples(snapshotsFromRecords(demo.records).values(), { dataEnd: Date.parse(demo.truth.asOf) }, emptyExampleCounts());
  const examples: LeadExample[] = [];
  for (let copy = 0; examples.length < target; copy++) {
    for (const example of base) {
      if (examples.length >= target) break;
      examples.push({ ...example, cutoff: example.cutoff + copy * 1000 });
    }
  }
  return { examples, conversions: examples.filter((example) => example.converted).length };
}
