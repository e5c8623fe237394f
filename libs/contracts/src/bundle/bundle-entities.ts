import type { z } from 'zod';
import {
  activitySchema, companySchema, contactSchema, dealSchema, emailSchema, meetingSchema, productSchema,
  subscriptionSchema, ticketSchema, userSchema,
} from '../crm/schemas';

/**
 * Every record type a bundle carries, in dependency order: a type only refers to types before it.
 * Export writes in this order; import merges in this order and deletes in the reverse.
 */
export const RECORD_TYPES = [
  'user', 'company', 'product', 'contact', 'deal', 'activity', 'email', 'meeting', 'subscription', 'ticket',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const RECORD_SCHEMAS = {
  user: userSchema,
  company: companySchema,
  product: productSchema,
  contact: contactSchema,
  deal: dealSchema,
  activity: activitySchema,
  email: emailSchema,
  meeting: meetingSchema,
  subscription: subscriptionSchema,
  ticket: ticketSchema,
} as const satisfies Record<RecordType, z.ZodType>;

export type RecordOf<T extends RecordType> = z.output<(typeof RECORD_SCHEMAS)[T]>;

/** The plural name the contract uses for each entity, also the hub's table name. */
export const ENTITY_NAMES: Record<RecordType, string> = {
  user: 'users',
  company: 'companies',
  product: 'products',
  contact: 'contacts',
  deal: 'deals',
  activity: 'activities',
  email: 'emails',
  meeting: 'meetings',
  subscription: 'subscriptions',
  ticket: 'tickets',
};

/** A reference from one record's field to another entity's id. */
export interface RecordReference {
  field: string;
  target: RecordType;
  /** The field holds an array of ids. */
  many?: boolean;
}

/** Products are referenced by code and need no catalogue line, so they carry no references here. */
export const RECORD_REFERENCES: Record<RecordType, readonly RecordReference[]> = {
  user: [],
  company: [],
  product: [],
  contact: [
    { field: 'company_id', target: 'company' },
    { field: 'owner_id', target: 'user' },
  ],
  deal: [
    { field: 'company_id', target: 'company' },
    { field: 'contact_id', target: 'contact' },
    { field: 'owner_id', target: 'user' },
  ],
  activity: [
    { field: 'contact_id', target: 'contact' },
    { field: 'deal_id', target: 'deal' },
    { field: 'user_id', target: 'user' },
  ],
  email: [
    { field: 'contact_id', target: 'contact' },
    { field: 'deal_id', target: 'deal' },
  ],
  meeting: [
    { field: 'deal_id', target: 'deal' },
    { field: 'contact_ids', target: 'contact', many: true },
    { field: 'user_id', target: 'user' },
  ],
  subscription: [{ field: 'company_id', target: 'company' }],
  ticket: [
    { field: 'company_id', target: 'company' },
    { field: 'contact_id', target: 'contact' },
  ],
};

/** Products are keyed by `code`; every other entity by `id`. */
export const RECORD_KEYS: Record<RecordType, 'id' | 'code'> = {
  user: 'id', company: 'id', product: 'code', contact: 'id', deal: 'id', activity: 'id',
  email: 'id', meeting: 'id', subscription: 'id', ticket: 'id',
};

export function isRecordType(value: unknown): value is RecordType {
  return typeof value === 'string' && (RECORD_TYPES as readonly string[]).includes(value);
}
