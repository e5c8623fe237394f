/** Enumerations of the CRM data contract (../shared/crm-model.md). */
export const USER_ROLES = ['rep', 'manager', 'admin'] as const;
export const SENIORITIES = ['c_level', 'vp', 'director', 'manager', 'individual'] as const;
export const LEAD_SOURCES = ['inbound', 'outbound', 'referral', 'event', 'partner', 'paid', 'organic'] as const;
export const LIFECYCLE_STAGES = ['lead', 'mql', 'sql', 'opportunity', 'customer', 'churned', 'disqualified'] as const;
export const DEAL_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'] as const;
export const OPEN_DEAL_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;
export const ACTIVITY_TYPES = [
  'email_sent', 'email_opened', 'email_clicked', 'email_replied', 'call', 'meeting', 'demo',
  'website_visit', 'form_submitted', 'content_download', 'note', 'stage_changed', 'lifecycle_changed',
] as const;
export const EMAIL_DIRECTIONS = ['inbound', 'outbound'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_STATUSES = ['open', 'pending', 'solved'] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type Seniority = (typeof SENIORITIES)[number];
export type LeadSource = (typeof LEAD_SOURCES)[number];
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export type DealStage = (typeof DEAL_STAGES)[number];
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export type EmailDirection = (typeof EMAIL_DIRECTIONS)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];
