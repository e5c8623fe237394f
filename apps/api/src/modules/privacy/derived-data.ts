/**
 * Tables of data the hub derives about people (scores, insights): what GDPR export and erase
 * include, and what retention purges. A feature that stores derived data adds its table here.
 * Tables not created yet are skipped.
 */
export interface DerivedTable {
  table: string;
  /** The column naming the contact the row is about. */
  contactColumn: string;
  /** The column retention ages rows by. */
  timeColumn: string;
}

export const DERIVED_TABLES: DerivedTable[] = [
  { table: 'lead_scores', contactColumn: 'contact_id', timeColumn: 'scored_at' },
];

/** Operational logs purged by retention as well: [table, time column]. */
export const LOG_TABLES: [string, string][] = [
  ['webhook_deliveries', 'at'],
];
