import type { DealStage, LeadSource, LifecycleStage, Seniority, TicketPriority, UserRole } from '@hub/contracts';
import type { Country, Industry, Segment } from '../catalog/firmographics';
import type { Competitor, DealActivityKind, ScoredStage } from '../signal/deal-signal';
import type { Tier } from '../signal/churn-signal';
import type { EngagementCounts, TechStack } from '../signal/lead-signal';

/**
 * The in-memory plan: everything decided before a single activity is written. Users, companies,
 * contacts and deals are held whole; activities, emails and meetings are expanded from each contact's
 * plan and seed while streaming, so a million activities never sit in memory at once.
 */

export interface UserPlan {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  role: UserRole;
  team: string | null;
  /** Latent selling skill (reps only): shows as the owner's historical win rate. */
  skill: number;
}

export interface CompanyPlan {
  id: number;
  name: string;
  domain: string;
  industry: Industry;
  employees: number;
  annualRevenue: number;
  country: Country;
  segment: Segment;
  tier: Tier;
  healthScore: number;
  /** Latent risk that drives ticket volume, urgency and health; never emitted. */
  risk: number;
  createdAt: number;
  accountOwnerId: number;
  contacts: ContactPlan[];
  seed: number;
}

export interface LifecycleEvent {
  at: number;
  from: LifecycleStage | null;
  to: LifecycleStage;
}

export interface ContactPlan {
  id: number;
  company: CompanyPlan;
  ownerId: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  title: string | null;
  seniority: Seniority;
  isDecisionMaker: boolean;
  leadSource: LeadSource;
  productFitScore: number;
  trialActive: boolean;
  techStack: TechStack;
  newsletterOptIn: boolean;
  preferredLanguage: string;
  createdAt: number;
  scoredAt: number;
  /** Latent interest: drives engagement volumes, never the outcome directly. */
  intent: number;
  /** Activity counts before scoredAt, exactly as the expansion will write them. */
  engagement: EngagementCounts;
  /** Of engagement.email_sent, the 1:1 sales emails (with an email record); the rest are marketing sends. */
  salesEmailsBeforeScoring: number;
  /** When the first form or download made the contact an MQL, if before scoredAt. */
  mqlAt: number | null;
  leadLogit: number;
  pConvert: number;
  /** The drawn outcome (may lie after asOf). */
  converts: boolean;
  deal: DealPlan | null;
  /** Time of the lifecycle move to customer, if it happens at all (may be after asOf). */
  convertsAt: number | null;
  lifecycle: LifecycleEvent[];
  seed: number;
}

export interface StageEvent {
  at: number;
  from: DealStage | null;
  to: DealStage;
}

export interface CloseDatePush {
  at: number;
  from: string;
  to: string;
}

export interface DealPlan {
  id: number;
  contact: ContactPlan;
  ownerId: number;
  name: string;
  won: boolean;
  amount: number;
  amountEur: number;
  currency: string;
  budgetConfirmed: boolean;
  products: string[];
  competitor: Competitor;
  useCase: string;
  createdAt: number;
  scoredAt: number;
  stageAtScoring: ScoredStage;
  stages: StageEvent[];
  closeAt: number;
  expectedCloseDate: string;
  closeDatePushes: CloseDatePush[];
  lostReason: string | null;
  activityCounts: Record<DealActivityKind, number>;
  pWin: number;
}

export interface SubscriptionPlan {
  companyId: number;
  product: string;
  mrr: number;
  currency: string;
  startedAt: number;
  endedAt: number | null;
}

export interface TicketPlan {
  companyId: number;
  contactId: number | null;
  subject: string;
  priority: TicketPriority;
  createdAt: number;
  solvedAt: number | null;
  status: 'open' | 'pending' | 'solved';
}

export interface SuccessTouch {
  at: number;
  contactId: number;
  userId: number;
  type: 'call' | 'meeting' | 'note';
}

export interface CustomerPlan {
  company: CompanyPlan;
  customerSince: number;
  successRepId: number;
  subscriptions: SubscriptionPlan[];
  tickets: TicketPlan[];
  touches: SuccessTouch[];
  scoredAt: number | null;
  pChurn: number | null;
  churnAt: number | null;
}

export interface DemoPlan {
  asOf: number;
  start: number;
  users: UserPlan[];
  companies: CompanyPlan[];
  contacts: ContactPlan[];
  deals: DealPlan[];
  customers: CustomerPlan[];
}
