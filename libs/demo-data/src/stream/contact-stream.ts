import { Random } from '../core/random';
import type { BundleRecord, DemoTruth } from '../demo-truth';
import type { ContactPlan } from '../plan/plan-types';
import { writeCustomerLife } from './contact-customer-events';
import { writeDealHistory } from './contact-deal-events';
import { writeBackground, writeLeadEngagement, writeLifecycle } from './contact-lead-events';
import { ContactWriter, type StreamEnv } from './contact-writer';
import { Timeline, type IdCounters } from './timeline';

/**
 * Everything that happened to one contact, as activity, email and meeting records in time order. Built
 * from the contact's own seed, so it comes out the same however far the caller has iterated.
 */
export function* contactRecords(contact: ContactPlan, env: StreamEnv, ids: IdCounters, truth: DemoTruth): Generator<BundleRecord> {
  const timeline = new Timeline(env.asOf);
  const writer = new ContactWriter(contact, new Random(contact.seed), timeline, env);
  writeLifecycle(writer);
  writeLeadEngagement(writer);
  writeBackground(writer);
  if (contact.deal && contact.deal.createdAt <= env.asOf) writeDealHistory(writer, contact.deal);
  writeCustomerLife(writer);
  yield* timeline.drain(ids, truth);
}
