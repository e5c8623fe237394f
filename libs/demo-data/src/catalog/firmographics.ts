/** Countries, industries and company sizes the demo CRM's customers come from. */

export type Segment = 'SMB' | 'Mid-Market' | 'Enterprise';
export const SEGMENTS: readonly Segment[] = ['SMB', 'Mid-Market', 'Enterprise'];

export interface Country {
  name: string;
  /** Which faker locale's names and phone formats fit people there. */
  locale: string;
  utcOffsetHours: number;
  currency: 'USD' | 'EUR' | 'GBP';
  tld: string;
  region: 'NA' | 'EMEA' | 'APAC' | 'LATAM';
  legalSuffixes: readonly string[];
  weight: number;
}

export const COUNTRIES: readonly Country[] = [
  { name: 'United States', locale: 'en_US', utcOffsetHours: -5, currency: 'USD', tld: 'com', region: 'NA', legalSuffixes: ['Inc.', 'LLC', 'Corp.'], weight: 30 },
  { name: 'United Kingdom', locale: 'en_GB', utcOffsetHours: 0, currency: 'GBP', tld: 'co.uk', region: 'EMEA', legalSuffixes: ['Ltd', 'plc', 'Ltd'], weight: 12 },
  { name: 'Germany', locale: 'de', utcOffsetHours: 1, currency: 'EUR', tld: 'de', region: 'EMEA', legalSuffixes: ['GmbH', 'AG', 'GmbH & Co. KG'], weight: 14 },
  { name: 'France', locale: 'fr', utcOffsetHours: 1, currency: 'EUR', tld: 'fr', region: 'EMEA', legalSuffixes: ['SAS', 'SA'], weight: 8 },
  { name: 'Netherlands', locale: 'nl', utcOffsetHours: 1, currency: 'EUR', tld: 'nl', region: 'EMEA', legalSuffixes: ['B.V.', 'N.V.'], weight: 6 },
  { name: 'Spain', locale: 'es', utcOffsetHours: 1, currency: 'EUR', tld: 'es', region: 'EMEA', legalSuffixes: ['S.L.', 'S.A.'], weight: 5 },
  { name: 'Italy', locale: 'it', utcOffsetHours: 1, currency: 'EUR', tld: 'it', region: 'EMEA', legalSuffixes: ['S.r.l.', 'S.p.A.'], weight: 4 },
  { name: 'Sweden', locale: 'sv', utcOffsetHours: 1, currency: 'EUR', tld: 'se', region: 'EMEA', legalSuffixes: ['AB'], weight: 3 },
  { name: 'Canada', locale: 'en_CA', utcOffsetHours: -5, currency: 'USD', tld: 'ca', region: 'NA', legalSuffixes: ['Inc.', 'Ltd.'], weight: 5 },
  { name: 'India', locale: 'en_IN', utcOffsetHours: 5.5, currency: 'USD', tld: 'in', region: 'APAC', legalSuffixes: ['Pvt Ltd', 'Ltd'], weight: 5 },
  { name: 'Australia', locale: 'en_AU', utcOffsetHours: 10, currency: 'USD', tld: 'com.au', region: 'APAC', legalSuffixes: ['Pty Ltd'], weight: 4 },
  { name: 'Poland', locale: 'pl', utcOffsetHours: 1, currency: 'EUR', tld: 'pl', region: 'EMEA', legalSuffixes: ['Sp. z o.o.', 'S.A.'], weight: 2 },
  { name: 'Switzerland', locale: 'de_CH', utcOffsetHours: 1, currency: 'EUR', tld: 'ch', region: 'EMEA', legalSuffixes: ['AG', 'GmbH'], weight: 1.5 },
  { name: 'Brazil', locale: 'pt_BR', utcOffsetHours: -3, currency: 'USD', tld: 'com.br', region: 'LATAM', legalSuffixes: ['Ltda.', 'S.A.'], weight: 1 },
];

/** Deal and subscription amounts are simulated in EUR and shown in the company's billing currency. */
export const EUR_TO: Record<Country['currency'], number> = { EUR: 1, USD: 1.08, GBP: 0.85 };

export interface Industry {
  name: string;
  weight: number;
  /** Annual revenue per employee, in EUR: ties annual_revenue to employees. */
  revenuePerEmployee: number;
  /** Words that make a company name sound like it belongs to the industry. */
  nameWords: readonly string[];
}

export const INDUSTRIES: readonly Industry[] = [
  { name: 'Software', weight: 18, revenuePerEmployee: 210_000, nameWords: ['Systems', 'Labs', 'Software', 'Cloud', 'Digital', 'Technologies'] },
  { name: 'Financial Services', weight: 11, revenuePerEmployee: 320_000, nameWords: ['Capital', 'Financial', 'Partners', 'Insurance', 'Advisors'] },
  { name: 'Professional Services', weight: 12, revenuePerEmployee: 150_000, nameWords: ['Consulting', 'Partners', 'Group', 'Advisory', 'Associates'] },
  { name: 'Manufacturing', weight: 13, revenuePerEmployee: 240_000, nameWords: ['Industries', 'Manufacturing', 'Components', 'Works', 'Engineering'] },
  { name: 'Healthcare', weight: 9, revenuePerEmployee: 170_000, nameWords: ['Health', 'Medical', 'Care', 'Clinics', 'Life Sciences'] },
  { name: 'Retail', weight: 9, revenuePerEmployee: 190_000, nameWords: ['Retail', 'Stores', 'Brands', 'Outfitters', 'Market'] },
  { name: 'Logistics', weight: 8, revenuePerEmployee: 160_000, nameWords: ['Logistics', 'Freight', 'Transport', 'Shipping', 'Cargo'] },
  { name: 'Education', weight: 5, revenuePerEmployee: 90_000, nameWords: ['Learning', 'Academy', 'Education', 'Institute'] },
  { name: 'Media', weight: 6, revenuePerEmployee: 170_000, nameWords: ['Media', 'Studios', 'Publishing', 'Creative'] },
  { name: 'Energy', weight: 4, revenuePerEmployee: 420_000, nameWords: ['Energy', 'Power', 'Renewables', 'Utilities'] },
  { name: 'Public Sector', weight: 1.5, revenuePerEmployee: 100_000, nameWords: ['Agency', 'Services', 'Authority'] },
];

export function segmentOf(employees: number): Segment {
  if (employees < 200) return 'SMB';
  if (employees < 2000) return 'Mid-Market';
  return 'Enterprise';
}

/** Employee ranges, drawn log-uniformly within each segment. */
export const SEGMENT_EMPLOYEES: Record<Segment, { min: number; max: number; weight: number }> = {
  SMB: { min: 8, max: 199, weight: 0.55 },
  'Mid-Market': { min: 200, max: 1999, weight: 0.3 },
  Enterprise: { min: 2000, max: 60_000, weight: 0.15 },
};

/** The annual contract value (EUR) a company of this size typically signs: the "segment norm" deals are compared with. */
export function dealSizeNorm(employees: number): number {
  return 2500 * Math.pow(employees, 0.55);
}

/** Made-up brandable words for company names that are not a founder's surname. */
export const NAME_STEMS_A = [
  'North', 'Blue', 'Bright', 'Apex', 'Cedar', 'Silver', 'Iron', 'Clear', 'Summit', 'Harbor', 'Red', 'Green',
  'Stone', 'Swift', 'True', 'Nova', 'Oak', 'Pine', 'Rapid', 'Crest', 'Lumen', 'Vantage', 'Helio', 'Terra',
] as const;
export const NAME_STEMS_B = [
  'wind', 'field', 'bridge', 'point', 'line', 'wave', 'gate', 'path', 'stone', 'works', 'ridge', 'light',
  'view', 'mark', 'core', 'port', 'way', 'leaf', 'scale', 'forge',
] as const;
