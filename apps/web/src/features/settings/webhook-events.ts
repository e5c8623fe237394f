import type { WebhookEvent } from '@hub/contracts';

/**
 * The events a webhook may subscribe to. The contract's WEBHOOK_EVENTS is a value of a module that
 * also holds zod schemas; `satisfies` keeps this list checked against its type without loading zod.
 */
export const WEBHOOK_EVENT_NAMES = ['job.completed', 'job.failed', 'import.completed', 'lead.scored'] as const satisfies readonly WebhookEvent[];
