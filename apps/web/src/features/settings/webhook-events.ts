import type { WebhookEvent } from '@hub/contracts';

/**
 * The events a webhook may subscribe to. The contract's WEBHOOK_EVENTS is a value of a module that
 * also holds zod schemas; `satisfies` keeps this list checked against its type without loading zod.
 */
export const WEBHOOK_EVENT_NAMES = ['job.completed', 'job.failed', 'import.completed', 'lead.scored', 'forecast.updated'] as const satisfies readonly WebhookEvent[];

// Fails to compile when the contract gains an event this list lacks.
type MissingEvents = Exclude<WebhookEvent, (typeof WEBHOOK_EVENT_NAMES)[number]>;
export const EVERY_EVENT_LISTED: [MissingEvents] extends [never] ? true : MissingEvents = true;
