import { DEAL_STAGES, LEAD_SOURCES, LIFECYCLE_STAGES, SENIORITIES, idSchema } from '@hub/contracts';
import { z } from 'zod';

/** Custom properties as the CRM defines them: flat key/value pairs. */
const customValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const customOutput = z.record(z.string(), customValue).nullable();
export const customFilter = z.record(z.string().min(1).max(200), customValue).optional()
  .describe('Custom properties that must all match exactly, e.g. {"tier": "gold", "renewal_risk": true}.');

export const idInput = (noun: string) => ({ id: idSchema.describe(`The ${noun}'s id (from a search result or another record).`) });
export const searchText = (what: string) => z.string().trim().min(1).max(200).optional()
  .describe(`Words to look for in ${what} (case-insensitive, partial matches).`);

const time = z.string().describe('ISO 8601 time');
const nullableTime = time.nullable();

export const contactView = z.object({
  id: z.number(), name: z.string(), firstName: z.string(), lastName: z.string(), email: z.string(),
  phone: z.string().nullable(), title: z.string().nullable(), seniority: z.enum(SENIORITIES).nullable(),
  isDecisionMaker: z.boolean().nullable(), leadSource: z.enum(LEAD_SOURCES).nullable(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES), companyId: z.number().nullable(), companyName: z.string().nullable(),
  ownerId: z.number().nullable(), createdAt: time, updatedAt: nullableTime, custom: customOutput,
});

export const companyView = z.object({
  id: z.number(), name: z.string(), domain: z.string().nullable(), industry: z.string().nullable(),
  employees: z.number().nullable(), annualRevenue: z.number().nullable(), country: z.string().nullable(),
  createdAt: time, custom: customOutput,
});

export const dealView = z.object({
  id: z.number(), name: z.string(), amount: z.number(), currency: z.string(), stage: z.enum(DEAL_STAGES),
  companyId: z.number().nullable(), companyName: z.string().nullable(), contactId: z.number().nullable(),
  contactName: z.string().nullable(), ownerId: z.number().nullable(), budgetConfirmed: z.boolean().nullable(),
  expectedCloseDate: z.string().nullable(), createdAt: time, closedAt: nullableTime, lostReason: z.string().nullable(),
  products: z.array(z.string()).nullable(), custom: customOutput,
});

export const activityView = z.object({
  id: z.number(), type: z.string(), occurredAt: time, contactId: z.number().nullable(), dealId: z.number().nullable(),
  userId: z.number().nullable(), metadata: z.record(z.string(), z.unknown()).nullable(),
});

export const emailView = z.object({
  id: z.number(), direction: z.enum(['inbound', 'outbound']), subject: z.string(), body: z.string(),
  bodyTruncated: z.boolean().describe('True when the body was cut to the size limit.'), bodyLength: z.number(),
  sentAt: time, contactId: z.number().nullable(), dealId: z.number().nullable(), threadId: z.string().nullable(),
});

export const meetingView = z.object({
  id: z.number(), title: z.string(), startedAt: time, durationMinutes: z.number(), dealId: z.number().nullable(),
  dealName: z.string().nullable(), userId: z.number().nullable(),
  contacts: z.array(z.object({ id: z.number(), name: z.string(), email: z.string() })),
  notes: z.string(), notesTruncated: z.boolean().describe('True when the notes were cut to the size limit.'), notesLength: z.number(),
});

export const dealSummary = dealView.pick({ id: true, name: true, amount: true, currency: true, stage: true, expectedCloseDate: true });
export const contactSummary = contactView.pick({ id: true, name: true, email: true, title: true, lifecycleStage: true });
