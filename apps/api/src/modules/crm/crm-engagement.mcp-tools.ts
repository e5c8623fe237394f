import { ACTIVITY_TYPES, idSchema } from '@hub/contracts';
import { z } from 'zod';
import { defineMcpTool, type HubMcpTool, McpToolError, READ_ONLY_LOOKUP } from '../../core/mcp/mcp-tool';
import { capText, decodeCursor, pageFooter, pageInfo, pageInputShape, pageOutputShape } from '../../core/mcp/mcp-page';
import { type CrmReadService, type Row, SqlFilter } from './crm-read.service';
import { activityView, emailView, idInput, meetingView } from './crm-mcp.schemas';

/** Size limits of long texts, so one record never dominates an assistant's context. */
const EMAIL_BODY_CHARS = 4000;
const MEETING_NOTES_CHARS = 20_000;
const THREAD_EMAILS = 50;

const ACTIVITY_SELECT = `a.id, a.type, a.occurred_at AS "occurredAt", a.contact_id AS "contactId", a.deal_id AS "dealId",
  a.user_id AS "userId", a.metadata`;
const EMAIL_SELECT = `e.id, e.direction, e.subject, e.body, e.sent_at AS "sentAt", e.contact_id AS "contactId",
  e.deal_id AS "dealId", e.thread_id AS "threadId"`;

function emailOut(row: Row) {
  const body = capText(String(row['body']), EMAIL_BODY_CHARS);
  return { ...row, body: body.text, bodyTruncated: body.truncated, bodyLength: body.length } as z.output<typeof emailView>;
}

/** A contact's or deal's history: activities, email threads and meetings. */
export function crmEngagementTools(crm: CrmReadService): HubMcpTool[] {
  const s = () => crm.schema;

  const listActivities = defineMcpTool({
    name: 'list_activities',
    title: 'List activities',
    description: 'The timeline of touches (calls, emails sent/opened/replied, meetings, demos, website visits, notes, stage changes), newest first, for a contact or a deal, optionally of given types and within a time range. Use it to see how engaged someone is and what happened last.',
    scope: 'read',
    subjectType: 'activity',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({
      contactId: idSchema.optional(),
      dealId: idSchema.optional(),
      types: z.array(z.enum(ACTIVITY_TYPES)).min(1).optional().describe('Only these activity types.'),
      since: z.iso.datetime({ offset: true }).optional().describe('Only activities at or after this ISO 8601 time.'),
      until: z.iso.datetime({ offset: true }).optional().describe('Only activities before this ISO 8601 time.'),
      ...pageInputShape,
    }),
    outputSchema: z.object({ activities: z.array(activityView), ...pageOutputShape }),
    async handler(input) {
      if (input.contactId === undefined && input.dealId === undefined) {
        throw new McpToolError('Give contactId or dealId (or both): list_activities lists one contact\'s or one deal\'s timeline. Find ids with search_contacts or search_deals.');
      }
      const offset = decodeCursor(input.cursor);
      const filter = new SqlFilter()
        .add('a.contact_id = ?', input.contactId).add('a.deal_id = ?', input.dealId).add('a.type = ANY(?::text[])', input.types)
        .add('a.occurred_at >= ?::timestamptz', input.since).add('a.occurred_at < ?::timestamptz', input.until);
      const { rows, total } = await crm.page(ACTIVITY_SELECT, `${s()}.activities a`, filter, 'a.occurred_at DESC, a.id DESC', input.limit, offset);
      const page = pageInfo(total, offset, rows.length);
      const lines = rows.map((r) => `- ${r['occurredAt']} ${r['type']} (#${r['id']}${r['dealId'] ? `, deal #${r['dealId']}` : ''})`);
      return { structured: { activities: rows as never, ...page }, text: [...lines, pageFooter(page, 'activities')].join('\n') };
    },
  });

  const getEmailThread = defineMcpTool({
    name: 'get_email_thread',
    title: 'Get an email thread',
    description: `The emails of one conversation, oldest first: give the id of any email in it (from get_contact's history or list_activities) or its threadId. Bodies are cut at ${EMAIL_BODY_CHARS} characters each (bodyTruncated says so); at most ${THREAD_EMAILS} emails.`,
    scope: 'read',
    subjectType: 'email',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({
      emailId: idSchema.optional().describe('The id of any email in the thread.'),
      threadId: z.string().min(1).max(500).optional().describe('The thread id, as emails carry it.'),
    }),
    outputSchema: z.object({ threadId: z.string().nullable(), emails: z.array(emailView), total: z.number(), truncated: z.boolean() }),
    async handler(input) {
      let threadId = input.threadId ?? null;
      let anchor: Row | undefined;
      if (input.emailId !== undefined) {
        anchor = await crm.one(EMAIL_SELECT, `${s()}.emails e`, new SqlFilter().add('e.id = ?', input.emailId));
        if (!anchor) throw new McpToolError(`No email with id ${input.emailId} exists in the hub. Check the id, or pass the thread's threadId instead.`, [input.emailId]);
        threadId = (anchor['threadId'] as string | null) ?? null;
      } else if (threadId === null) {
        throw new McpToolError('Give emailId (any email of the thread) or threadId.');
      }
      let rows: Row[];
      let total: number;
      if (threadId === null) {
        rows = [anchor!];
        total = 1;
      } else {
        const page = await crm.page(EMAIL_SELECT, `${s()}.emails e`, new SqlFilter().add('e.thread_id = ?', threadId), 'e.sent_at, e.id', THREAD_EMAILS, 0);
        if (page.total === 0) throw new McpToolError(`No email thread "${threadId}" exists in the hub. Pass the id of an email instead (emailId).`);
        ({ rows, total } = page);
      }
      const emails = rows.map(emailOut);
      const truncated = total > emails.length;
      const text = [
        `Thread ${threadId ?? `of email #${input.emailId}`}: ${total} email(s)${truncated ? `, first ${emails.length} shown` : ''}.`,
        ...emails.map((e) => `--- #${e.id} ${e.direction} ${e.sentAt}: ${e.subject}\n${e.body}${e.bodyTruncated ? ` [cut at ${EMAIL_BODY_CHARS} of ${e.bodyLength} characters]` : ''}`),
      ].join('\n');
      return { structured: { threadId, emails, total, truncated }, text };
    },
  });

  const getMeeting = defineMcpTool({
    name: 'get_meeting',
    title: 'Get a meeting',
    description: `One meeting: title, time, duration, attendees (contacts), its deal and its notes (cut at ${MEETING_NOTES_CHARS} characters; notesTruncated says so). Use it to prepare a follow-up.`,
    scope: 'read',
    subjectType: 'meeting',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object(idInput('meeting')),
    outputSchema: z.object({ meeting: meetingView }),
    async handler({ id }) {
      const row = await crm.one(
        `m.id, m.title, m.started_at AS "startedAt", m.duration_minutes AS "durationMinutes", m.deal_id AS "dealId", d.name AS "dealName",
         m.user_id AS "userId", m.notes, m.contact_ids::text[] AS "contactIds"`,
        `${s()}.meetings m LEFT JOIN ${s()}.deals d ON d.id = m.deal_id`,
        new SqlFilter().add('m.id = ?', id),
      );
      if (!row) throw new McpToolError(`No meeting with id ${id} exists in the hub. Check the id; list_activities with type "meeting" shows a contact's meetings.`, [id]);
      const contactIds = (row['contactIds'] as number[]) ?? [];
      const contacts = contactIds.length === 0 ? [] : await crm.all(
        `SELECT id, first_name || ' ' || last_name AS name, email FROM ${s()}.contacts WHERE id = ANY($1::bigint[]) ORDER BY id`,
        [contactIds],
      );
      const notes = capText(String(row['notes']), MEETING_NOTES_CHARS);
      const { contactIds: _ignored, ...rest } = row;
      const meeting = { ...rest, contacts, notes: notes.text, notesTruncated: notes.truncated, notesLength: notes.length } as z.output<typeof meetingView>;
      const text = [
        `${meeting.title} (meeting #${id}), ${meeting.startedAt}, ${meeting.durationMinutes} minutes${meeting.dealName ? `, deal ${meeting.dealName} (#${meeting.dealId})` : ''}.`,
        `Attendees: ${contacts.map((c) => `${c['name']} <${c['email']}> (#${c['id']})`).join('; ') || 'none recorded'}.`,
        `Notes${notes.truncated ? ` (cut at ${MEETING_NOTES_CHARS} of ${notes.length} characters)` : ''}:\n${notes.text}`,
      ].join('\n');
      return { structured: { meeting }, text };
    },
  });

  return [listActivities, getEmailThread, getMeeting] as unknown as HubMcpTool[];
}
