import type { RecordType } from '@hub/contracts';
import { generateDemo, type BundleRecord, type DemoOptions, type DemoTruth } from '../index';

type Row = Record<string, unknown>;

/** A generated data set held whole, with the lookups the specs need. Only for small sizes. */
export interface DemoBundle {
  records: BundleRecord[];
  truth: DemoTruth;
  ofType: (type: RecordType) => Row[];
  byId: (type: RecordType, id: number) => Row | undefined;
  activitiesOfContact: (id: number) => Row[];
  activitiesOfDeal: (id: number) => Row[];
  companyOf: (companyId: number) => { subscriptions: Row[]; tickets: Row[]; contacts: Row[] };
}

export function collectDemo(options: DemoOptions): DemoBundle {
  const { records: stream, truth } = generateDemo(options);
  const records = [...stream];
  const lists = new Map<RecordType, Row[]>();
  const ids = new Map<RecordType, Map<number, Row>>();
  const group = (map: Map<number, Row[]>, key: unknown, row: Row) => {
    if (typeof key !== 'number') return;
    const list = map.get(key) ?? [];
    list.push(row);
    map.set(key, list);
  };
  const byContact = new Map<number, Row[]>();
  const byDeal = new Map<number, Row[]>();
  const subscriptions = new Map<number, Row[]>();
  const tickets = new Map<number, Row[]>();
  const contactsOfCompany = new Map<number, Row[]>();
  for (const { type, data } of records) {
    const list = lists.get(type) ?? [];
    list.push(data);
    lists.set(type, list);
    if (typeof data['id'] === 'number') {
      const map = ids.get(type) ?? new Map<number, Row>();
      map.set(data['id'], data);
      ids.set(type, map);
    }
    if (type === 'activity') {
      group(byContact, data['contact_id'], data);
      group(byDeal, data['deal_id'], data);
    }
    if (type === 'subscription') group(subscriptions, data['company_id'], data);
    if (type === 'ticket') group(tickets, data['company_id'], data);
    if (type === 'contact') group(contactsOfCompany, data['company_id'], data);
  }
  return {
    records,
    truth,
    ofType: (type) => lists.get(type) ?? [],
    byId: (type, id) => ids.get(type)?.get(id),
    activitiesOfContact: (id) => byContact.get(id) ?? [],
    activitiesOfDeal: (id) => byDeal.get(id) ?? [],
    companyOf: (id) => ({
      subscriptions: subscriptions.get(id) ?? [], tickets: tickets.get(id) ?? [], contacts: contactsOfCompany.get(id) ?? [],
    }),
  };
}

export const time = (value: unknown): number => Date.parse(value as string);
