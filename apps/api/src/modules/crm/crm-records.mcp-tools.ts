import { DEAL_STAGES, LEAD_SOURCES, LIFECYCLE_STAGES, SENIORITIES, idSchema } from '@hub/contracts';
import { z } from 'zod';
import { defineMcpTool, type HubMcpTool, McpToolError, READ_ONLY_LOOKUP } from '../../core/mcp/mcp-tool';
import { decodeCursor, pageFooter, pageInfo, pageInputShape, pageOutputShape } from '../../core/mcp/mcp-page';
import { type CrmReadService, SqlFilter } from './crm-read.service';
import {
  companyView, contactSummary, contactView, customFilter, dealSummary, dealView, idInput, searchText,
} from './crm-mcp.schemas';

const CONTACT_SELECT = `c.id, c.first_name || ' ' || c.last_name AS name, c.first_name AS "firstName", c.last_name AS "lastName",
  c.email, c.phone, c.title, c.seniority, c.is_decision_maker AS "isDecisionMaker", c.lead_source AS "leadSource",
  c.lifecycle_stage AS "lifecycleStage", c.company_id AS "companyId", co.name AS "companyName", c.owner_id AS "ownerId",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.custom`;
const COMPANY_SELECT = `co.id, co.name, co.domain, co.industry, co.employees, co.annual_revenue AS "annualRevenue", co.country,
  co.created_at AS "createdAt", co.custom`;
const DEAL_SELECT = `d.id, d.name, d.amount, d.currency, d.stage, d.company_id AS "companyId", co.name AS "companyName",
  d.contact_id AS "contactId", CASE WHEN c.id IS NULL THEN NULL ELSE c.first_name || ' ' || c.last_name END AS "contactName",
  d.owner_id AS "ownerId", d.budget_confirmed AS "budgetConfirmed", d.expected_close_date::text AS "expectedCloseDate",
  d.created_at AS "createdAt", d.closed_at AS "closedAt", d.lost_reason AS "lostReason", d.products, d.custom`;

/** Contacts with their company (aliases `c`, `co`), as the contact tools read them. */
const contactsFromIn = (schema: string) => `${schema}.contacts c LEFT JOIN ${schema}.companies co ON co.id = c.company_id`;

/**
 * The one query behind `get_contact` (a hot path for assistants): the contact with its company's
 * name, its deal count and its newest 20 deals (the fields of `dealSummary`) as columns of its row.
 * Also run by the MCP benchmark's "bare SDK server with the same query", to tell the hub's own
 * layers from the cost of the read itself.
 */
export function contactCardQuery(schema: string): { select: string; from: string } {
  return {
    select: `${CONTACT_SELECT},
    (SELECT count(*)::int FROM ${schema}.deals d WHERE d.contact_id = c.id) AS "dealsTotal",
    (SELECT coalesce(json_agg(json_build_object('id', d.id, 'name', d.name, 'amount', d.amount, 'currency', d.currency,
                                                'stage', d.stage, 'expectedCloseDate', d.expected_close_date::text)), '[]'::json)
       FROM (SELECT * FROM ${schema}.deals d WHERE d.contact_id = c.id ORDER BY d.created_at DESC, d.id DESC LIMIT 20) d) AS "dealsPage"`,
    from: contactsFromIn(schema),
  };
}

const notFound = (noun: string, id: number, searchTool: string) =>
  new McpToolError(`No ${noun} with id ${id} exists in the hub. Check the id, or find the ${noun} with ${searchTool}.`, [id]);

const money = (amount: number, currency: string) => `${amount.toLocaleString('en-US')} ${currency}`;

/** Contacts, companies and deals: search with filters (custom properties included) and fetch by id. */
export function crmRecordTools(crm: CrmReadService): HubMcpTool[] {
  const s = () => crm.schema;
  const contactsFrom = () => contactsFromIn(s());
  const dealsFrom = () => `${s()}.deals d LEFT JOIN ${s()}.companies co ON co.id = d.company_id LEFT JOIN ${s()}.contacts c ON c.id = d.contact_id`;
  const searchContacts = defineMcpTool({
    name: 'search_contacts',
    title: 'Search contacts',
    description: 'Find people in the CRM by name or email and filter by company, lifecycle stage, seniority, lead source, owner or custom properties. Use it to resolve a person mentioned by name to an id before calling get_contact. Returns a page of contacts with the total count.',
    scope: 'read',
    subjectType: 'contact',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({
      query: searchText('first name, last name and email'),
      companyId: idSchema.optional().describe('Only contacts of this company.'),
      lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
      seniority: z.enum(SENIORITIES).optional(),
      leadSource: z.enum(LEAD_SOURCES).optional(),
      isDecisionMaker: z.boolean().optional(),
      ownerId: idSchema.optional().describe('Only contacts owned by this CRM user.'),
      custom: customFilter,
      ...pageInputShape,
    }),
    outputSchema: z.object({ contacts: z.array(contactView), ...pageOutputShape }),
    async handler(input) {
      const offset = decodeCursor(input.cursor);
      const filter = new SqlFilter()
        .add(`(c.first_name || ' ' || c.last_name ILIKE ? OR c.email ILIKE ?)`, input.query && `%${input.query}%`)
        .add('c.company_id = ?', input.companyId).add('c.lifecycle_stage = ?', input.lifecycleStage)
        .add('c.seniority = ?', input.seniority).add('c.lead_source = ?', input.leadSource)
        .add('c.is_decision_maker = ?', input.isDecisionMaker).add('c.owner_id = ?', input.ownerId)
        .add('c.custom @> ?::jsonb', input.custom && JSON.stringify(input.custom));
      const { rows, total } = await crm.page(CONTACT_SELECT, contactsFrom(), filter, 'c.id', input.limit, offset);
      const page = pageInfo(total, offset, rows.length);
      const lines = rows.map((r) => `- #${r['id']} ${r['name']} <${r['email']}>${r['title'] ? `, ${r['title']}` : ''}${r['companyName'] ? ` at ${r['companyName']}` : ''} (${r['lifecycleStage']})`);
      return { structured: { contacts: rows as never, ...page }, text: [...lines, pageFooter(page, 'contacts')].join('\n') };
    },
  });

  const getContact = defineMcpTool({
    name: 'get_contact',
    title: 'Get a contact',
    description: 'Everything about one person: their fields and custom properties, their company, and their deals (up to 20, newest first). Use list_activities, get_email_thread and get_meeting for their history.',
    scope: 'read',
    subjectType: 'contact',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object(idInput('contact')),
    outputSchema: z.object({ contact: contactView, deals: z.array(dealSummary), dealsTotal: z.number(), dealsTruncated: z.boolean() }),
    async handler({ id }) {
      // One round trip: the contact, its deal count and first 20 deals.
      const card = contactCardQuery(s());
      const row = await crm.one(card.select, card.from, new SqlFilter().add('c.id = ?', id));
      if (!row) throw notFound('contact', id, 'search_contacts');
      const { dealsTotal, dealsPage, ...contact } = row;
      const deals = { total: Number(dealsTotal), rows: dealsPage as unknown[] };
      const dealsSummary = deals.rows.map((d) => dealSummary.parse(d));
      const text = [
        `${contact['name']} <${contact['email']}> (contact #${id}), ${contact['title'] ?? 'no title'}, ${contact['companyName'] ? `at ${contact['companyName']} (#${contact['companyId']})` : 'no company'}; lifecycle stage ${contact['lifecycleStage']}.`,
        contact['custom'] ? `Custom properties: ${JSON.stringify(contact['custom'])}` : 'No custom properties.',
        `Deals (${deals.total}): ${dealsSummary.map((d) => `#${d.id} ${d.name}, ${money(d.amount, d.currency)}, ${d.stage}`).join('; ') || 'none'}${deals.total > 20 ? ' (first 20 shown; search_deals with contactId lists all)' : ''}.`,
      ].join('\n');
      return { structured: { contact: contact as never, deals: dealsSummary, dealsTotal: deals.total, dealsTruncated: deals.total > 20 }, text };
    },
  });

  const searchCompanies = defineMcpTool({
    name: 'search_companies',
    title: 'Search companies',
    description: 'Find accounts (companies) by name or domain and filter by industry, country, size or custom properties. Use it to resolve a company mentioned by name to an id before calling get_company.',
    scope: 'read',
    subjectType: 'company',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({
      query: searchText('company name and domain'),
      industry: z.string().max(200).optional().describe('Exact industry, e.g. "Software".'),
      country: z.string().max(100).optional(),
      minEmployees: z.number().int().nonnegative().optional(),
      maxEmployees: z.number().int().nonnegative().optional(),
      custom: customFilter,
      ...pageInputShape,
    }),
    outputSchema: z.object({ companies: z.array(companyView), ...pageOutputShape }),
    async handler(input) {
      const offset = decodeCursor(input.cursor);
      const filter = new SqlFilter()
        .add(`(co.name ILIKE ? OR coalesce(co.domain, '') ILIKE ?)`, input.query && `%${input.query}%`)
        .add('co.industry = ?', input.industry).add('co.country = ?', input.country)
        .add('co.employees >= ?', input.minEmployees).add('co.employees <= ?', input.maxEmployees)
        .add('co.custom @> ?::jsonb', input.custom && JSON.stringify(input.custom));
      const { rows, total } = await crm.page(COMPANY_SELECT, `${s()}.companies co`, filter, 'co.id', input.limit, offset);
      const page = pageInfo(total, offset, rows.length);
      const lines = rows.map((r) => `- #${r['id']} ${r['name']}${r['domain'] ? ` (${r['domain']})` : ''}, ${r['industry'] ?? 'industry unknown'}, ${r['employees'] ?? '?'} employees`);
      return { structured: { companies: rows as never, ...page }, text: [...lines, pageFooter(page, 'companies')].join('\n') };
    },
  });

  const getCompany = defineMcpTool({
    name: 'get_company',
    title: 'Get a company',
    description: 'Everything about one account: its fields and custom properties, its contacts and its deals (up to 20 each, with totals). Use it to brief yourself on an account.',
    scope: 'read',
    subjectType: 'company',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object(idInput('company')),
    outputSchema: z.object({
      company: companyView, contacts: z.array(contactSummary), contactsTotal: z.number(), contactsTruncated: z.boolean(),
      deals: z.array(dealSummary), dealsTotal: z.number(), dealsTruncated: z.boolean(),
    }),
    async handler({ id }) {
      const company = await crm.one(COMPANY_SELECT, `${s()}.companies co`, new SqlFilter().add('co.id = ?', id));
      if (!company) throw notFound('company', id, 'search_companies');
      const contacts = await crm.page(CONTACT_SELECT, contactsFrom(), new SqlFilter().add('c.company_id = ?', id), 'c.id', 20, 0);
      const deals = await crm.page(DEAL_SELECT, dealsFrom(), new SqlFilter().add('d.company_id = ?', id), 'd.created_at DESC, d.id DESC', 20, 0);
      const contactList = contacts.rows.map((c) => contactSummary.parse(c));
      const dealList = deals.rows.map((d) => dealSummary.parse(d));
      const text = [
        `${company['name']} (company #${id}): ${company['industry'] ?? 'industry unknown'}, ${company['employees'] ?? '?'} employees, ${company['country'] ?? 'country unknown'}.`,
        company['custom'] ? `Custom properties: ${JSON.stringify(company['custom'])}` : 'No custom properties.',
        `Contacts (${contacts.total}): ${contactList.map((c) => `#${c.id} ${c.name}${c.title ? ` (${c.title})` : ''}`).join('; ') || 'none'}.`,
        `Deals (${deals.total}): ${dealList.map((d) => `#${d.id} ${d.name}, ${money(d.amount, d.currency)}, ${d.stage}`).join('; ') || 'none'}.`,
      ].join('\n');
      return {
        structured: {
          company: company as never, contacts: contactList, contactsTotal: contacts.total, contactsTruncated: contacts.total > 20,
          deals: dealList, dealsTotal: deals.total, dealsTruncated: deals.total > 20,
        },
        text,
      };
    },
  });

  const searchDeals = defineMcpTool({
    name: 'search_deals',
    title: 'Search deals',
    description: 'Find opportunities by name and filter by stage, company, contact, owner, amount range, expected close date or custom properties. Use it for pipeline questions ("open deals over 50k closing this quarter").',
    scope: 'read',
    subjectType: 'deal',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({
      query: searchText('the deal name'),
      stage: z.array(z.enum(DEAL_STAGES)).min(1).optional().describe('Any of these stages; open stages are prospecting, qualification, proposal, negotiation.'),
      companyId: idSchema.optional(),
      contactId: idSchema.optional(),
      ownerId: idSchema.optional(),
      minAmount: z.number().nonnegative().optional(),
      maxAmount: z.number().nonnegative().optional(),
      closingAfter: z.iso.date().optional().describe('Expected close date on or after this day (YYYY-MM-DD).'),
      closingBefore: z.iso.date().optional().describe('Expected close date before this day (YYYY-MM-DD).'),
      custom: customFilter,
      ...pageInputShape,
    }),
    outputSchema: z.object({ deals: z.array(dealView), ...pageOutputShape }),
    async handler(input) {
      const offset = decodeCursor(input.cursor);
      const filter = new SqlFilter()
        .add('d.name ILIKE ?', input.query && `%${input.query}%`).add('d.stage = ANY(?::text[])', input.stage)
        .add('d.company_id = ?', input.companyId).add('d.contact_id = ?', input.contactId).add('d.owner_id = ?', input.ownerId)
        .add('d.amount >= ?', input.minAmount).add('d.amount <= ?', input.maxAmount)
        .add('d.expected_close_date >= ?::date', input.closingAfter).add('d.expected_close_date < ?::date', input.closingBefore)
        .add('d.custom @> ?::jsonb', input.custom && JSON.stringify(input.custom));
      const { rows, total } = await crm.page(DEAL_SELECT, dealsFrom(), filter, 'd.id', input.limit, offset);
      const page = pageInfo(total, offset, rows.length);
      const lines = rows.map((r) => `- #${r['id']} ${r['name']}: ${money(r['amount'] as number, r['currency'] as string)}, ${r['stage']}${r['companyName'] ? `, ${r['companyName']}` : ''}${r['expectedCloseDate'] ? `, closing ${r['expectedCloseDate']}` : ''}`);
      return { structured: { deals: rows as never, ...page }, text: [...lines, pageFooter(page, 'deals')].join('\n') };
    },
  });

  const getDeal = defineMcpTool({
    name: 'get_deal',
    title: 'Get a deal',
    description: 'Everything about one opportunity: amount, stage, dates, products, custom properties, its company and main contact. Use list_activities with dealId for its history.',
    scope: 'read',
    subjectType: 'deal',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object(idInput('deal')),
    outputSchema: z.object({ deal: dealView }),
    async handler({ id }) {
      const deal = await crm.one(DEAL_SELECT, dealsFrom(), new SqlFilter().add('d.id = ?', id));
      if (!deal) throw notFound('deal', id, 'search_deals');
      const text = [
        `${deal['name']} (deal #${id}): ${money(deal['amount'] as number, deal['currency'] as string)}, stage ${deal['stage']}${deal['expectedCloseDate'] ? `, expected to close ${deal['expectedCloseDate']}` : ''}.`,
        `Company: ${deal['companyName'] ?? 'none'}${deal['companyId'] ? ` (#${deal['companyId']})` : ''}; contact: ${deal['contactName'] ?? 'none'}${deal['contactId'] ? ` (#${deal['contactId']})` : ''}.`,
        deal['custom'] ? `Custom properties: ${JSON.stringify(deal['custom'])}` : 'No custom properties.',
      ].join('\n');
      return { structured: { deal: deal as never }, text };
    },
  });

  return [searchContacts, getContact, searchCompanies, getCompany, searchDeals, getDeal] as unknown as HubMcpTool[];
}
