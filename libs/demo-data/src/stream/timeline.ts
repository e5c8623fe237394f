import type { ActivityType } from '@hub/contracts';
import { iso } from '../core/time';
import type { BundleRecord, DemoTruth } from '../demo-truth';
import type { EmailCategory, EmailSentiment } from '../text/email-templates';
import type { ActionItem } from '../text/action-items';

/** Running id counters for the streamed entities, shared by every contact and company stream. */
export interface IdCounters {
  activity: number;
  email: number;
  meeting: number;
}

interface PendingBase {
  at: number;
  /** Insertion order, so records at the same moment keep their causal order (email before its activity). */
  order: number;
  data: Record<string, unknown>;
}

interface PendingActivity extends PendingBase {
  type: 'activity';
  /** The email or meeting this activity logs: its id goes into metadata once assigned. */
  logs?: PendingEmail | PendingMeeting;
}

interface PendingEmail extends PendingBase {
  type: 'email';
  category: EmailCategory;
  sentiment: EmailSentiment;
}

interface PendingMeeting extends PendingBase {
  type: 'meeting';
  actionItems: ActionItem[];
}

type Pending = PendingActivity | PendingEmail | PendingMeeting;

export interface ActivityInput {
  type: ActivityType;
  at: number;
  contactId?: number | null;
  dealId?: number | null;
  userId?: number | null;
  metadata?: Record<string, unknown>;
  logs?: PendingEmail | PendingMeeting;
}

/**
 * One entity's records before they are numbered: collected in any order, then sorted by time and given
 * ids, so ids grow with time inside a contact's history the way a database's would. Anything after asOf
 * is refused at the door, so its text is never even written.
 */
export class Timeline {
  private readonly items: Pending[] = [];

  constructor(readonly asOf: number) {}

  accepts(at: number): boolean {
    return at <= this.asOf;
  }

  activity(input: ActivityInput): void {
    if (!this.accepts(input.at)) return;
    const data: Record<string, unknown> = { id: 0, type: input.type };
    if (input.contactId != null) data['contact_id'] = input.contactId;
    if (input.dealId != null) data['deal_id'] = input.dealId;
    if (input.userId != null) data['user_id'] = input.userId;
    data['occurred_at'] = iso(input.at);
    if (input.metadata) data['metadata'] = input.metadata;
    this.items.push({ type: 'activity', at: input.at, order: this.items.length, data, logs: input.logs });
  }

  email(at: number, data: Record<string, unknown>, category: EmailCategory, sentiment: EmailSentiment): PendingEmail {
    const pending: PendingEmail = { type: 'email', at, order: this.items.length, data: { id: 0, ...data }, category, sentiment };
    if (this.accepts(at)) this.items.push(pending);
    return pending;
  }

  meeting(at: number, data: Record<string, unknown>, actionItems: ActionItem[]): PendingMeeting {
    const pending: PendingMeeting = { type: 'meeting', at, order: this.items.length, data: { id: 0, ...data }, actionItems };
    if (this.accepts(at)) this.items.push(pending);
    return pending;
  }

  /** Numbers the records, records the truth about emails and meetings, and hands them out in time order. */
  *drain(ids: IdCounters, truth: DemoTruth): Generator<BundleRecord> {
    this.items.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const item of this.items) {
      if (item.type === 'email') {
        item.data['id'] = ++ids.email;
        truth.emails.push({ email_id: ids.email, category: item.category, sentiment: item.sentiment });
      } else if (item.type === 'meeting') {
        item.data['id'] = ++ids.meeting;
        truth.meetings.push({ meeting_id: ids.meeting, action_items: item.actionItems });
      } else {
        item.data['id'] = ++ids.activity;
        if (item.logs) {
          const key = item.logs.type === 'email' ? 'email_id' : 'meeting_id';
          item.data['metadata'] = { ...(item.data['metadata'] as object | undefined), [key]: item.logs.data['id'] };
        }
      }
      yield { type: item.type, data: item.data };
    }
    this.items.length = 0;
  }
}
