import type { FeatureRow, FeatureValue } from '@hub/ml';

function valueKey(value: FeatureValue): string {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '';
  return value instanceof Date ? value.toISOString() : `${typeof value}:${String(value)}`;
}

/**
 * Features that can teach nothing of their own on these rows: constant ones, and exact copies of an
 * earlier feature. Leads judged at 21 days old have the same 30- and 90-day counts, for instance;
 * keeping both only splits the evidence (and a logistic model's penalty) between two columns.
 * Looks at feature values only, never at outcomes.
 */
export function redundantFeatures(rows: readonly FeatureRow[], exclude: readonly string[] = []): string[] {
  const skip = new Set(exclude);
  const names: string[] = [];
  const seenNames = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (!seenNames.has(name) && !skip.has(name)) {
        seenNames.add(name);
        names.push(name);
      }
    }
  }
  const redundant: string[] = [];
  const signatures = new Set<string>();
  for (const name of names) {
    const keys = rows.map((row) => valueKey(row[name]));
    const constant = keys.every((key) => key === keys[0]);
    const signature = keys.join('\u0001');
    if (constant || signatures.has(signature)) redundant.push(name);
    else signatures.add(signature);
  }
  return redundant;
}
