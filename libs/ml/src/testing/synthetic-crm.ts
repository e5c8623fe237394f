import type { FeatureRow } from '../dataset/feature-encoder';
import { sigmoid } from '../math/logistic-functions';
import { createSeededRandom, type SeededRandom } from '../random/seeded-random';

/**
 * CRM-like rows with a known logistic truth, for learning tests: 10 features (numeric, boolean,
 * categorical with a rare level), missing values that carry signal, non-linear effects and an
 * interaction. `trueProbability` is the probability the label was drawn with.
 */
export interface SyntheticCrmRow extends FeatureRow {
  readonly created_at: Date;
  readonly converted: boolean;
}

export interface SyntheticCrmData {
  readonly rows: SyntheticCrmRow[];
  readonly trueProbability: Float64Array;
}

function normal(random: SeededRandom): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

function pick<T>(random: SeededRandom, items: readonly (readonly [T, number])[]): T {
  let u = random.next();
  for (const [item, weight] of items) {
    if (u < weight) return item;
    u -= weight;
  }
  return items[items.length - 1]![0];
}

const SOURCES = [
  ['web', 0.4],
  ['referral', 0.2],
  ['event', 0.15],
  ['cold_call', 0.2],
  ['partner', 0.0495],
  ['podcast', 0.0005], // rare: grouped into __other__
] as const;
const SOURCE_EFFECT: Record<string, number> = { web: 0, referral: 1, event: 0.4, cold_call: -0.8, partner: 1.2, podcast: 0.5 };
const REGIONS = [
  ['north', 0.3],
  ['south', 0.3],
  ['east', 0.2],
  ['west', 0.2],
] as const;

export function syntheticCrmRows(count: number, seed: number, startTime = Date.UTC(2023, 0, 1)): SyntheticCrmData {
  const random = createSeededRandom(seed);
  const rows: SyntheticCrmRow[] = [];
  const trueProbability = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const logAmount = 9 + 1.2 * normal(random);
    const amount = random.next() < 0.1 ? null : Math.round(Math.exp(logAmount));
    const employees = Math.max(1, Math.round(Math.exp(3 + 1.5 * normal(random))));
    const days = random.next() < 0.15 ? null : Math.floor(random.next() * 90);
    const opens = Math.floor(-Math.log(1 - random.next()) * 3);
    const hasDemo = random.next() < 0.05 ? null : random.next() < 0.35;
    const source = pick(random, SOURCES);
    const region = pick(random, REGIONS);
    const noiseA = normal(random);
    const noiseB = random.next();

    let margin = -1;
    margin += amount === null ? -0.3 : 0.5 * (Math.log(amount) - 9);
    margin += 0.25 * Math.log10(employees);
    margin += days === null ? -0.5 : -1.2 * Math.tanh((days - 30) / 12); // smooth step down around a month
    margin += SOURCE_EFFECT[source]!;
    margin += hasDemo === true ? 0.6 + 0.15 * Math.min(opens, 8) : 0.02 * opens; // demo × engagement interaction
    margin += region === 'north' ? 0.2 : 0;
    const p = sigmoid(margin);
    trueProbability[i] = p;
    rows.push({
      created_at: new Date(startTime + i * 3_600_000),
      amount,
      employees,
      days_since_contact: days,
      email_opens: opens,
      has_demo: hasDemo,
      lead_source: source,
      region,
      noise_a: noiseA,
      noise_b: noiseB,
      converted: random.next() < p,
    });
  }
  return { rows, trueProbability };
}
