import { iso } from '../core/time';
import { PRODUCTS } from '../catalog/products';
import type { BundleRecord } from '../demo-truth';
import type { CompanyPlan, ContactPlan, DealPlan, UserPlan } from '../plan/plan-types';

/**
 * Users, products, companies, contacts and deals as bundle records: their state at asOf. History
 * (stage and lifecycle moves) lives in activities; these show only where things ended up.
 */

const FISCAL_YEAR_ENDS = ['December', 'December', 'March', 'June', 'September'] as const;

export function userRecord(user: UserPlan): BundleRecord {
  return {
    type: 'user',
    data: { id: user.id, name: `${user.firstName} ${user.lastName}`, email: user.email, role: user.role, team: user.team },
  };
}

export function productRecords(): BundleRecord[] {
  return PRODUCTS.map((p) => ({
    type: 'product',
    data: { code: p.code, name: p.name, family: p.family, list_price: p.listPrice, currency: 'EUR' },
  }));
}

export function companyRecord(company: CompanyPlan): BundleRecord {
  return {
    type: 'company',
    data: {
      id: company.id,
      name: company.name,
      domain: company.domain,
      industry: company.industry.name,
      employees: company.employees,
      annual_revenue: company.annualRevenue,
      country: company.country.name,
      created_at: iso(company.createdAt),
      custom: {
        tier: company.tier,
        health_score: company.healthScore,
        region: company.country.region,
        fiscal_year_end: FISCAL_YEAR_ENDS[Math.abs(company.seed) % FISCAL_YEAR_ENDS.length] as string,
      },
    },
  };
}

export function contactRecord(contact: ContactPlan, asOf: number): BundleRecord {
  const seen = contact.lifecycle.filter((event) => event.at <= asOf);
  const last = seen[seen.length - 1];
  const data: Record<string, unknown> = {
    id: contact.id,
    company_id: contact.company.id,
    owner_id: contact.ownerId,
    first_name: contact.firstName,
    last_name: contact.lastName,
    email: contact.email,
  };
  if (contact.phone !== null) data['phone'] = contact.phone;
  if (contact.title !== null) data['title'] = contact.title;
  data['seniority'] = contact.seniority;
  data['is_decision_maker'] = contact.isDecisionMaker;
  data['lead_source'] = contact.leadSource;
  data['lifecycle_stage'] = last?.to ?? 'lead';
  data['created_at'] = iso(contact.createdAt);
  data['updated_at'] = iso(Math.max(contact.createdAt, last?.at ?? contact.createdAt));
  data['custom'] = {
    product_fit_score: contact.productFitScore,
    trial_active: contact.trialActive,
    tech_stack: contact.techStack,
    newsletter_opt_in: contact.newsletterOptIn,
    preferred_language: contact.preferredLanguage,
  };
  return { type: 'contact', data };
}

export function dealRecord(deal: DealPlan, asOf: number): BundleRecord {
  const stages = deal.stages.filter((event) => event.at <= asOf);
  const stage = stages[stages.length - 1]?.to ?? 'prospecting';
  const closed = stage === 'closed_won' || stage === 'closed_lost';
  const pushes = deal.closeDatePushes.filter((push) => push.at <= asOf);
  const data: Record<string, unknown> = {
    id: deal.id,
    name: deal.name,
    company_id: deal.contact.company.id,
    contact_id: deal.contact.id,
    owner_id: deal.ownerId,
    amount: deal.amount,
    currency: deal.currency,
    stage,
    budget_confirmed: deal.budgetConfirmed,
    expected_close_date: pushes[pushes.length - 1]?.to ?? deal.expectedCloseDate,
    created_at: iso(deal.createdAt),
  };
  if (closed) data['closed_at'] = iso(deal.closeAt);
  if (stage === 'closed_lost' && deal.lostReason) data['lost_reason'] = deal.lostReason;
  data['products'] = deal.products;
  data['custom'] = { competitor: deal.competitor, use_case: deal.useCase };
  return { type: 'deal', data };
}
