import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../lead-scoring-settings';
import type { LeadSnapshot } from '../snapshot/lead-snapshot';
import { demoSnapshots } from '../testing/demo-snapshots';
import { buildLeadExamples, emptyExampleCounts } from '../training/training-examples';
import { conversionTime, labelLead } from './conversion-label';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const iso = (days: number) => new Date(T0 + days * DAY_MS).toISOString();

function lead(convertedOnDay: number | null, by: 'lifecycle' | 'deal' = 'lifecycle'): LeadSnapshot {
  const won = convertedOnDay !== null && by === 'deal';
  return {
    contact: { id: 1, created_at: iso(0), lifecycle_stage: 'lead' },
    company: null,
    activities: convertedOnDay !== null && by === 'lifecycle'
      ? [{ type: 'lifecycle_changed', contact_id: 1, occurred_at: iso(convertedOnDay), metadata: { from: 'opportunity', to: 'customer' } }]
      : [],
    emails: [],
    meetings: [],
    deals: won ? [{ id: 5, created_at: iso(1), stage: 'closed_won', closed_at: iso(convertedOnDay) }] : [],
  };
}

describe('labelLead', () => {
  const cutoff = T0 + 21 * DAY_MS;
  const dataEnd = T0 + 400 * DAY_MS;

  it('finds the conversion by lifecycle or by a won deal', () => {
    expect(conversionTime(lead(60))).toBe(T0 + 60 * DAY_MS);
    expect(conversionTime(lead(70, 'deal'))).toBe(T0 + 70 * DAY_MS);
    expect(conversionTime(lead(null))).toBeNull();
  });

  it('labels a conversion within the horizon as converted, later or never as not', () => {
    expect(labelLead(lead(100), cutoff, dataEnd)).toEqual({ kind: 'labelled', converted: true, convertedAt: T0 + 100 * DAY_MS });
    expect(labelLead(lead(200), cutoff, dataEnd)).toMatchObject({ kind: 'labelled', converted: false });
    expect(labelLead(lead(null), cutoff, dataEnd)).toMatchObject({ kind: 'labelled', converted: false });
  });

  it('leaves out leads too young to tell, converted or not, and leads that converted before the cut-off', () => {
    const early = T0 + 100 * DAY_MS;
    expect(labelLead(lead(null), cutoff, early)).toEqual({ kind: 'horizon-open' });
    expect(labelLead(lead(60), cutoff, early)).toEqual({ kind: 'horizon-open' });
    expect(labelLead(lead(10), cutoff, dataEnd)).toEqual({ kind: 'already-converted' });
  });
});

describe('training examples on demo data', () => {
  it('label exactly the leads the truth knows, with the truth outcome', () => {
    const { snapshots, truth, dataEnd } = demoSnapshots('small', 42);
    const counts = emptyExampleCounts();
    const examples = buildLeadExamples(snapshots.values(), { dataEnd }, counts);
    const known = new Map(truth.leads.filter((l) => l.outcome_known).map((l) => [l.contact_id, l]));
    expect(examples.length).toBe(known.size);
    for (const example of examples) {
      expect(known.get(example.contactId)?.converted).toBe(example.converted);
      expect(new Date(example.cutoff).toISOString()).toBe(known.get(example.contactId)!.scored_at);
    }
    expect(counts.tooYoung + counts.horizonOpen + counts.alreadyConverted + counts.labelled).toBe(snapshots.size);
    expect(counts.conversions).toBe(examples.filter((e) => e.converted).length);
  });
});
