import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { McpToolError, type HubMcpTool } from '../../core/mcp/mcp-tool';
import {
  type HubMcpResourceTemplate, jsonContents, leadingId, type McpReadContext, resourceNotFound,
} from '../../core/mcp/mcp-resource';
import { capText } from '../../core/mcp/mcp-page';
import { type CrmReadService, SqlFilter } from './crm-read.service';
import { CRM_COLLECTIONS, type CrmCollection, idCompleter, leadScoresOf, touchedIds } from './crm-resource.queries';

const EMAIL_BODY_CHARS = 20_000;

/** Runs a get_* tool as a reader: its structured answer, or "not found" naming the id. */
export function toolReader(tools: HubMcpTool[], name: string) {
  const tool = tools.find((each) => each.name === name);
  if (!tool) throw new Error(`The CRM tool ${name} is missing.`);
  return async (id: number, context: McpReadContext, uri: string): Promise<Record<string, unknown>> => {
    try {
      const answer = await tool.handler({ id }, { ...context, reportProgress: async () => undefined, log: async () => undefined });
      return answer.structured as Record<string, unknown>;
    } catch (error) {
      if (error instanceof McpToolError) throw resourceNotFound(uri, error.message);
      throw error;
    }
  };
}

/**
 * `crm://contacts/{id}` and its siblings: the same facts as the get_* tools, as JSON documents an
 * assistant can attach or subscribe to. Contacts carry their lead score; companies their contacts'.
 * Ids complete from names (`crm://companies/17-acme-robotics` reads company 17).
 */
export function crmResourceTemplates(crm: CrmReadService, tools: HubMcpTool[]): HubMcpResourceTemplate[] {
  const getContact = toolReader(tools, 'get_contact');
  const getCompany = toolReader(tools, 'get_company');
  const getDeal = toolReader(tools, 'get_deal');
  const getMeeting = toolReader(tools, 'get_meeting');

  const readers: Record<CrmCollection, (id: number, context: McpReadContext, uri: string) => Promise<unknown>> = {
    async contacts(id, context, uri) {
      const record = await getContact(id, context, uri);
      return { ...record, leadScore: (await leadScoresOf(crm, [id])).get(id) ?? null };
    },
    async companies(id, context, uri) {
      const record = await getCompany(id, context, uri);
      const scores = await leadScoresOf(crm, (record['contacts'] as { id: number }[]).map((c) => c.id));
      return { ...record, leadScores: [...scores.values()] };
    },
    deals: getDeal,
    meetings: getMeeting,
    async emails(id, _context, uri) {
      const email = await crm.one(
        `e.id, e.direction, e.subject, e.body, e.sent_at AS "sentAt", e.contact_id AS "contactId", e.deal_id AS "dealId", e.thread_id AS "threadId"`,
        `${crm.schema}.emails e`, new SqlFilter().add('e.id = ?', id));
      if (!email) throw resourceNotFound(uri, `No email with id ${id} exists in the hub. Check the id; get_email_thread lists a conversation's emails.`);
      const body = capText(String(email['body']), EMAIL_BODY_CHARS);
      return { email: { ...email, body: body.text, bodyTruncated: body.truncated, bodyLength: body.length } };
    },
  };

  return (Object.keys(CRM_COLLECTIONS) as CrmCollection[]).map((collection) => {
    const { noun } = CRM_COLLECTIONS[collection];
    return {
      kind: 'template',
      name: `crm-${collection}`,
      uriTemplate: `crm://${collection}/{id}`,
      title: `CRM ${noun}`,
      description: `One ${noun} of the CRM copy as JSON, with its related records${collection === 'contacts' ? ' and lead score' : collection === 'companies' ? ', contacts\' lead scores' : ''}. Complete {id} by typing part of the ${noun}'s name.`,
      mimeType: 'application/json',
      scope: 'read',
      complete: { id: idCompleter(crm, collection) },
      async read(uri, variables, context): Promise<ReadResourceResult> {
        const id = leadingId(variables['id']);
        if (id === null) throw resourceNotFound(uri.href, `"${uri.href}" does not name a ${noun}: use crm://${collection}/<id>, e.g. crm://${collection}/17.`);
        return jsonContents(uri.href, await readers[collection](id, context, uri.href));
      },
      async affected(event, uris) {
        const byId = new Map<number, string[]>();
        for (const uri of uris) {
          const id = leadingId(uri.slice(`crm://${collection}/`.length));
          if (id !== null) byId.set(id, [...(byId.get(id) ?? []), uri]);
        }
        const hit = await touchedIds(crm, collection, event, [...byId.keys()]);
        return hit.flatMap((id) => byId.get(id) ?? []);
      },
    } satisfies HubMcpResourceTemplate;
  });
}
