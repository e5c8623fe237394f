import type { Segment } from './firmographics';

/** The vendor's catalogue. List prices are annual, in EUR, for the base package. */
export interface CatalogProduct {
  code: string;
  name: string;
  family: string;
  listPrice: number;
  /** Billed monthly as a subscription (services are one-off). */
  recurring: boolean;
}

export const PRODUCTS: readonly CatalogProduct[] = [
  { code: 'CORE-PLAT', name: 'Syntroph Core Platform', family: 'Platform', listPrice: 9_600, recurring: true },
  { code: 'CORE-PLUS', name: 'Syntroph Core Platform Plus', family: 'Platform', listPrice: 28_800, recurring: true },
  { code: 'CORE-ENT', name: 'Syntroph Enterprise Platform', family: 'Platform', listPrice: 96_000, recurring: true },
  { code: 'SEAT-ADD', name: 'Additional Seats (10)', family: 'Platform', listPrice: 3_600, recurring: true },
  { code: 'ANLT-ADV', name: 'Advanced Analytics', family: 'Analytics', listPrice: 7_200, recurring: true },
  { code: 'ANLT-FCST', name: 'Revenue Forecasting', family: 'Analytics', listPrice: 6_000, recurring: true },
  { code: 'AUTO-WF', name: 'Workflow Automation', family: 'Automation', listPrice: 6_600, recurring: true },
  { code: 'INTG-API', name: 'API & Webhooks', family: 'Integrations', listPrice: 3_000, recurring: true },
  { code: 'INTG-ERP', name: 'ERP Connector', family: 'Integrations', listPrice: 8_400, recurring: true },
  { code: 'DATA-ENR', name: 'Data Enrichment', family: 'Data', listPrice: 4_800, recurring: true },
  { code: 'SUPP-PREM', name: 'Premium Support', family: 'Support', listPrice: 3_600, recurring: true },
  { code: 'SVC-ONB', name: 'Guided Onboarding', family: 'Services', listPrice: 5_000, recurring: false },
];

/**
 * Codes that old deals still name but the catalogue no longer lists: the contract allows a deal or a
 * subscription to name a product without a catalogue line, and real data has them.
 */
export const RETIRED_PRODUCT_CODES = ['LEGACY-SYNC', 'MOBILE-V1'] as const;

export const PLATFORM_BY_SEGMENT: Record<Segment, string> = {
  SMB: 'CORE-PLAT',
  'Mid-Market': 'CORE-PLUS',
  Enterprise: 'CORE-ENT',
};

export const ADD_ON_CODES = [
  'ANLT-ADV', 'ANLT-FCST', 'AUTO-WF', 'INTG-API', 'INTG-ERP', 'DATA-ENR', 'SUPP-PREM', 'SEAT-ADD',
] as const;

const BY_CODE = new Map(PRODUCTS.map((product) => [product.code, product]));

export function productByCode(code: string): CatalogProduct | undefined {
  return BY_CODE.get(code);
}

/** A weight for splitting a deal's value over its lines: list price, or a guess for retired codes. */
export function lineWeight(code: string): number {
  return productByCode(code)?.listPrice ?? 4_000;
}
