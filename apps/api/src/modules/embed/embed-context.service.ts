import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EmbedContact, EmbedContext, EmbedLeadScore, RecordRef } from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { HubProblem } from '../../core/http/problem-details.filter';
import { LeadScoringService } from '../lead-scoring/lead-scoring.service';
import { type Around, EmbedFactsLoader } from './embed-facts.loader';
import { recordNotFound } from './embed-record';

/** The facts of one record for the embedded panel: the record, what surrounds it, and its lead score. */
@Injectable()
export class EmbedContextService {
  private readonly facts: EmbedFactsLoader;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly leadScoring: LeadScoringService,
  ) {
    this.facts = new EmbedFactsLoader(dataSource);
  }

  async context(record: RecordRef): Promise<EmbedContext> {
    const { contact, deal, companyId } = await this.anchor(record);
    const around: Around = { contactId: contact?.id ?? null, companyId, dealId: deal?.id ?? null };
    const [company, openDeals, activities, companyContacts, score] = await Promise.all([
      companyId === null ? undefined : this.facts.company(companyId),
      this.facts.openDeals(around),
      this.facts.recentActivities(around),
      record.type === 'company' ? this.facts.companyContactsTotal(record.id) : null,
      contact ? this.score(contact.id) : { score: null, note: 'Lead scores belong to contacts: open one of the company\'s contacts to see theirs.' },
    ]);
    return {
      record,
      contact: contact ? withoutCompanyId(contact) : null,
      company: company ?? null,
      deal: deal ?? null,
      open_deals: openDeals.deals,
      open_deals_total: openDeals.total,
      recent_activities: activities,
      company_contacts_total: companyContacts,
      lead_score: score.score,
      lead_score_note: score.note,
    };
  }

  /** The record itself (404 when missing) and the contact and company it sits with. */
  private async anchor(record: RecordRef) {
    if (record.type === 'contact') {
      const contact = await this.facts.contact(record.id);
      if (!contact) throw recordNotFound(record);
      return { contact, deal: undefined, companyId: contact.company_id };
    }
    if (record.type === 'deal') {
      const deal = await this.facts.deal(record.id);
      if (!deal) throw recordNotFound(record);
      const contact = deal.contact_id === null ? undefined : await this.facts.contact(deal.contact_id);
      return { contact, deal, companyId: deal.company_id ?? contact?.company_id ?? null };
    }
    const company = await this.facts.company(record.id);
    if (!company) throw recordNotFound(record);
    return { contact: undefined, deal: undefined, companyId: company.id };
  }

  /** The stored score, else one computed now (as POST /api/mcp/score-lead would), else why there is none. */
  private async score(contactId: number): Promise<{ score: EmbedLeadScore | null; note: string | null }> {
    const stored = await this.facts.storedScore(contactId);
    if (stored) return { score: stored, note: null };
    try {
      const fresh = await this.leadScoring.scoreLead({ contact_id: contactId });
      return {
        score: {
          contact_id: contactId, score: fresh.score, probability: fresh.probability, confidence_level: fresh.confidence_level,
          recommendation: fresh.recommendation, factors: fresh.factor_details, method: fresh.method, model_version: fresh.model_version,
          scored_at: fresh.scored_at,
        },
        note: fresh.note ?? null,
      };
    } catch (error) {
      if (error instanceof HubProblem && error.status === 422) return { score: null, note: error.message };
      throw error;
    }
  }
}

function withoutCompanyId({ company_id: _companyId, ...contact }: EmbedContact & { company_id: number | null }): EmbedContact {
  return contact;
}
