import { z } from 'zod';
import {
  ACTIVITY_TYPES, DEAL_STAGES, EMAIL_DIRECTIONS, LEAD_SOURCES, LIFECYCLE_STAGES, SENIORITIES,
  TICKET_PRIORITIES, TICKET_STATUSES, USER_ROLES,
} from './enums';

/** Django primary keys: positive integers, kept within JavaScript's exact range. */
export const idSchema = z.number().int('must be an integer').positive('must be a positive integer')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');
const optionalId = idSchema.nullish();

/** ISO 8601 with an offset (`Z` or `+02:00`); a time without one is ambiguous and refused. */
export const timeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with an offset, like 2024-05-01T09:30:00Z' });
const optionalTime = timeSchema.nullish();

/** A calendar date; a full time with an offset is accepted and its own date taken. */
export const dateSchema = z.union([z.iso.date(), timeSchema], {
  message: 'must be a date (YYYY-MM-DD) or an ISO 8601 time with an offset',
}).transform((value) => value.slice(0, 10));

export const moneySchema = z.number().finite('must be a finite number');
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like EUR');
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const nonEmpty = (max: number) => text(max).min(1, 'must not be empty');

/** Custom properties: flat key/value pairs as the CRM defines them. */
export const customSchema = z.record(
  z.string().min(1).max(200),
  z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]),
).nullish();

export const userSchema = z.strictObject({
  id: idSchema,
  name: nonEmpty(300),
  email: nonEmpty(320),
  role: z.enum(USER_ROLES),
  team: text(200).nullish(),
});

export const companySchema = z.strictObject({
  id: idSchema,
  name: nonEmpty(300),
  domain: text(300).nullish(),
  industry: text(200).nullish(),
  // The store's column is a 32-bit integer: a larger count is refused here, naming the field, not by the database.
  employees: z.number().int().nonnegative().max(2_147_483_647).nullish(),
  annual_revenue: moneySchema.nonnegative().nullish(),
  country: text(100).nullish(),
  created_at: timeSchema,
  custom: customSchema,
});

export const contactSchema = z.strictObject({
  id: idSchema,
  company_id: optionalId,
  owner_id: optionalId,
  first_name: text(200),
  last_name: text(200),
  email: text(320),
  phone: text(100).nullish(),
  title: text(300).nullish(),
  seniority: z.enum(SENIORITIES).nullish(),
  is_decision_maker: z.boolean().nullish(),
  lead_source: z.enum(LEAD_SOURCES).nullish(),
  lifecycle_stage: z.enum(LIFECYCLE_STAGES),
  created_at: timeSchema,
  updated_at: optionalTime,
  custom: customSchema,
});

export const dealSchema = z.strictObject({
  id: idSchema,
  name: nonEmpty(500),
  company_id: optionalId,
  contact_id: optionalId,
  owner_id: optionalId,
  amount: moneySchema.nonnegative('must not be negative'),
  currency: currencySchema,
  stage: z.enum(DEAL_STAGES),
  budget_confirmed: z.boolean().nullish(),
  expected_close_date: dateSchema.nullish(),
  created_at: timeSchema,
  closed_at: optionalTime,
  lost_reason: text(2000).nullish(),
  products: z.array(nonEmpty(100)).max(500).nullish(),
  custom: customSchema,
});

export const activitySchema = z.strictObject({
  id: idSchema,
  type: z.enum(ACTIVITY_TYPES),
  contact_id: optionalId,
  deal_id: optionalId,
  user_id: optionalId,
  occurred_at: timeSchema,
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

export const emailSchema = z.strictObject({
  id: idSchema,
  direction: z.enum(EMAIL_DIRECTIONS),
  contact_id: optionalId,
  deal_id: optionalId,
  subject: text(2000),
  body: text(200_000),
  sent_at: timeSchema,
  thread_id: z.union([z.string().max(500), idSchema]).nullish(),
});

export const meetingSchema = z.strictObject({
  id: idSchema,
  title: text(1000),
  deal_id: optionalId,
  contact_ids: z.array(idSchema).max(1000),
  user_id: optionalId,
  started_at: timeSchema,
  duration_minutes: z.number().int().nonnegative().max(24 * 60 * 7),
  notes: text(500_000),
});

export const subscriptionSchema = z.strictObject({
  id: idSchema,
  company_id: idSchema,
  product: nonEmpty(100),
  mrr: moneySchema.nonnegative('must not be negative'),
  currency: currencySchema,
  started_at: timeSchema,
  ended_at: optionalTime,
});

export const productSchema = z.strictObject({
  code: nonEmpty(100),
  name: nonEmpty(300),
  family: text(200).nullish(),
  list_price: moneySchema.nonnegative().nullish(),
  currency: currencySchema.nullish(),
});

export const ticketSchema = z.strictObject({
  id: idSchema,
  company_id: idSchema,
  contact_id: optionalId,
  subject: text(2000),
  priority: z.enum(TICKET_PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  created_at: timeSchema,
  solved_at: optionalTime,
});

export type User = z.infer<typeof userSchema>;
export type Company = z.infer<typeof companySchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Deal = z.infer<typeof dealSchema>;
export type Activity = z.infer<typeof activitySchema>;
export type Email = z.infer<typeof emailSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type Subscription = z.infer<typeof subscriptionSchema>;
export type Product = z.infer<typeof productSchema>;
export type Ticket = z.infer<typeof ticketSchema>;
export type CustomProperties = z.infer<typeof customSchema>;
