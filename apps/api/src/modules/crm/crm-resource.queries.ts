import type { HubChangeEvent } from '../../core/events/hub-change-event';
import { idCompletion, type McpCompleter } from '../../core/mcp/mcp-resource';
import type { CrmReadService, Row } from './crm-read.service';

/** The CRM record kinds served as `crm://<collection>/{id}`. */
export const CRM_COLLECTIONS = {
  contacts: { entity: 'contact', noun: 'contact', table: 'contacts', label: `first_name || ' ' || last_name`, also: 'email' },
  companies: { entity: 'company', noun: 'company', table: 'companies', label: 'name', also: `coalesce(domain, '')` },
  deals: { entity: 'deal', noun: 'deal', table: 'deals', label: 'name', also: `''` },
  meetings: { entity: 'meeting', noun: 'meeting', table: 'meetings', label: 'title', also: `''` },
  emails: { entity: 'email', noun: 'email', table: 'emails', label: 'subject', also: `''` },
} as const;
export type CrmCollection = keyof typeof CRM_COLLECTIONS;

const COMPLETIONS = 20;

/** Completes a record id from part of its name (or of the id): values like `17-acme-robotics`. */
export function idCompleter(crm: CrmReadService, collection: CrmCollection): McpCompleter {
  const { table, label, also } = CRM_COLLECTIONS[collection];
  return async (typed) => {
    const text = typed.trim();
    const digits = /^\d+/.exec(text)?.[0];
    const rows = await crm.all(
      `SELECT id, ${label} AS label FROM ${crm.schema}.${table}
        WHERE $1 = '' OR ${label} ILIKE $2 OR ${also} ILIKE $2 OR ($3::text IS NOT NULL AND id::text LIKE $3)
        ORDER BY (${label} ILIKE $4) DESC, id LIMIT ${COMPLETIONS}`,
      [text, `%${escapeLike(text)}%`, digits ? `${digits}%` : null, `${escapeLike(text)}%`],
    );
    return rows.map((row) => idCompletion(row['id'] as number, String(row['label'] ?? '')));
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Current lead scores of some contacts, by contact id. */
export async function leadScoresOf(crm: CrmReadService, contactIds: number[]): Promise<Map<number, Row>> {
  if (contactIds.length === 0) return new Map();
  const rows = await crm.all(
    `SELECT contact_id::int AS "contactId", score, probability, confidence_level AS "confidenceLevel", recommendation,
            method, model_version AS "modelVersion", scored_at AS "scoredAt"
       FROM ${crm.schema}.lead_scores WHERE contact_id = ANY($1::bigint[])`, [contactIds]);
  return new Map(rows.map((row) => [row['contactId'] as number, row]));
}

/** Recent activities, newest first, of a set of contacts or of one deal. */
export async function recentActivities(crm: CrmReadService, where: { contactIds?: number[]; dealId?: number; types?: string[] }, limit: number): Promise<Row[]> {
  const clause = where.dealId !== undefined ? 'a.deal_id = $1' : 'a.contact_id = ANY($1::bigint[])';
  return crm.all(
    `SELECT a.id, a.type, a.occurred_at AS "occurredAt", a.contact_id AS "contactId", a.deal_id AS "dealId", a.metadata
       FROM ${crm.schema}.activities a WHERE ${clause} ${where.types ? 'AND a.type = ANY($2::text[])' : ''}
      ORDER BY a.occurred_at DESC, a.id DESC LIMIT ${limit}`,
    where.types ? [where.dealId ?? where.contactIds, where.types] : [where.dealId ?? where.contactIds],
  );
}

const ids = (list: readonly (number | string)[] | undefined) => (list ?? []).map(Number).filter(Number.isSafeInteger);

/**
 * Ids of records of a collection a change event touches, among `candidates`: the records written,
 * and for contacts and companies also those whose lead scores (or their contacts' scores) changed.
 */
export async function touchedIds(crm: CrmReadService, collection: CrmCollection, event: HubChangeEvent, candidates: number[]): Promise<number[]> {
  const written = ids(event.records?.[CRM_COLLECTIONS[collection].entity]);
  const scored = ids(event.derived?.['lead-score']);
  const touched = new Set(written);
  if (collection === 'contacts') for (const id of [...scored, ...ids(event.contacts)]) touched.add(id);
  if (collection === 'companies') {
    const people = [...new Set([...scored, ...ids(event.records?.contact)])];
    const deals = ids(event.records?.deal);
    if (people.length > 0 || deals.length > 0) {
      const rows = await crm.all(
        `SELECT company_id AS id FROM ${crm.schema}.contacts WHERE id = ANY($1::bigint[]) AND company_id = ANY($3::bigint[])
         UNION SELECT company_id FROM ${crm.schema}.deals WHERE id = ANY($2::bigint[]) AND company_id = ANY($3::bigint[])`,
        [people, deals, candidates]);
      for (const row of rows) touched.add(row['id'] as number);
    }
  }
  if (collection === 'deals') for (const id of ids(event.derived?.['deal-win'])) touched.add(id);
  return candidates.filter((id) => touched.has(id));
}
