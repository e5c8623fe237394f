import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { defineMcpPrompt, type HubMcpPrompt, invalidPromptArgument, leadingId } from '../../core/mcp/mcp-resource';
import type { HubMcpTool } from '../../core/mcp/mcp-tool';
import type { CrmReadService } from './crm-read.service';
import { type CrmCollection, idCompleter, leadScoresOf, recentActivities } from './crm-resource.queries';
import { toolReader } from './crm.mcp-resources';

/** A prompt argument holding a record id, completed from names (`17-acme-robotics`). */
function idArgument(crm: CrmReadService, collection: CrmCollection, noun: string) {
  const complete = idCompleter(crm, collection);
  return completable(z.string().describe(`The ${noun}'s id; type part of its name to complete it.`), async (typed) => {
    try {
      return await complete(typed);
    } catch {
      return [];
    }
  });
}

function idOf(value: string, argument: string, noun: string): number {
  const id = leadingId(value);
  if (id === null) throw invalidPromptArgument(`${argument} must be a ${noun} id such as 17 (or a completion such as 17-acme-robotics); got "${value}".`);
  return id;
}

/** The records as an embedded JSON resource, then the instruction. */
function messages(uri: string, facts: unknown, instruction: string): GetPromptResult {
  return {
    messages: [
      { role: 'user', content: { type: 'resource', resource: { uri, mimeType: 'application/json', text: JSON.stringify(facts, null, 2) } } },
      { role: 'user', content: { type: 'text', text: instruction } },
    ],
  };
}

/** account_brief, deal_review, follow_up_email: each pulls the records a task needs into the conversation. */
export function crmPrompts(crm: CrmReadService, tools: HubMcpTool[]): HubMcpPrompt[] {
  const getCompany = toolReader(tools, 'get_company');
  const getDeal = toolReader(tools, 'get_deal');
  const getMeeting = toolReader(tools, 'get_meeting');

  const accountBrief = defineMcpPrompt({
    name: 'account_brief',
    title: 'Account brief',
    description: 'Brief me on an account before a call: the company with its contacts (and their lead scores), its deals and its recent activities.',
    scope: 'read',
    args: { company_id: idArgument(crm, 'companies', 'company') },
    async get({ company_id }, context) {
      const id = idOf(company_id, 'company_id', 'company');
      const uri = `crm://companies/${id}`;
      const company = await getCompany(id, context, uri);
      const contactIds = (company['contacts'] as { id: number }[]).map((c) => c.id);
      const leadScores = [...(await leadScoresOf(crm, contactIds)).values()];
      const activities = contactIds.length > 0 ? await recentActivities(crm, { contactIds }, 20) : [];
      return messages(uri, { ...company, leadScores, recentActivities: activities },
        `Write a one-page brief on the account above: who they are, the people who matter (with their lead scores and what they suggest), the state of each open deal, what happened recently, and the two or three things to do next. Cite record ids.`);
    },
  });

  const dealReview = defineMcpPrompt({
    name: 'deal_review',
    title: 'Deal review',
    description: 'Review a deal: its stage history, activities and contacts, to judge its health and the next steps.',
    scope: 'read',
    args: { deal_id: idArgument(crm, 'deals', 'deal') },
    async get({ deal_id }, context) {
      const id = idOf(deal_id, 'deal_id', 'deal');
      const uri = `crm://deals/${id}`;
      const { deal } = (await getDeal(id, context, uri)) as { deal: { contactId: number | null; companyId: number | null } };
      const stageHistory = (await recentActivities(crm, { dealId: id, types: ['stage_changed'] }, 50)).reverse();
      const activities = await recentActivities(crm, { dealId: id }, 30);
      const contacts = await crm.all(
        `SELECT id, first_name || ' ' || last_name AS name, email, title, is_decision_maker AS "isDecisionMaker"
           FROM ${crm.schema}.contacts WHERE id = $1 OR company_id = $2 ORDER BY (id = $1) DESC, id LIMIT 20`,
        [deal.contactId, deal.companyId]);
      const leadScores = [...(await leadScoresOf(crm, contacts.map((c) => c['id'] as number))).values()];
      return messages(uri, { deal, stageHistory, activities, contacts, leadScores },
        `Review the deal above as a sales manager would: how it moved through the stages and how long it sat in each, how engaged the buyers are, the risks (missing decision maker, stalled stage, unconfirmed budget), and the concrete next steps. Cite record ids.`);
    },
  });

  const followUpEmail = defineMcpPrompt({
    name: 'follow_up_email',
    title: 'Follow-up email',
    description: 'Draft the follow-up email to a meeting from its notes, attendees and deal.',
    scope: 'read',
    args: { meeting_id: idArgument(crm, 'meetings', 'meeting') },
    async get({ meeting_id }, context) {
      const id = idOf(meeting_id, 'meeting_id', 'meeting');
      const uri = `crm://meetings/${id}`;
      const { meeting } = (await getMeeting(id, context, uri)) as { meeting: { dealId: number | null } };
      const deal = meeting.dealId ? (await getDeal(meeting.dealId, context, `crm://deals/${meeting.dealId}`))['deal'] : null;
      return messages(uri, { meeting, deal },
        `Draft a short follow-up email to the attendees of the meeting above: thank them, recap the decisions and open questions from the notes, and propose the next step for the deal. Plain text, no more than 200 words.`);
    },
  });

  return [accountBrief, dealReview, followUpEmail] as unknown as HubMcpPrompt[];
}
