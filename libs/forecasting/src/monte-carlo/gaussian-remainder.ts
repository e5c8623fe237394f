import { createSeededRandom } from '@hub/ml';

/**
 * The sum of many small independent contributions is close to normal (Lindeberg's central limit
 * theorem), so past the exact-simulation budget the smallest deals and customers are summed as one
 * multivariate normal per simulation with their exact monthly means and covariances. Large ones,
 * which shape the tails, are always simulated one by one.
 */
export interface Moments {
  months: number;
  mean: Float64Array;
  /** months × months covariance, row-major. */
  covariance: Float64Array;
  units: number;
}

export function createMoments(months: number): Moments {
  return { months, mean: new Float64Array(months), covariance: new Float64Array(months * months), units: 0 };
}

/** A deal lands amount in month m with probability monthProbability[m] (at most one month). */
export function addDealMoments(moments: Moments, amount: number, monthProbability: Float64Array): void {
  const { months, mean, covariance } = moments;
  const squared = amount * amount;
  for (let i = 0; i < months; i++) {
    const pi = monthProbability[i]!;
    if (pi === 0) continue;
    mean[i] += amount * pi;
    covariance[i * months + i] += squared * pi;
    for (let j = 0; j < months; j++) covariance[i * months + j] -= squared * pi * monthProbability[j]!;
  }
  moments.units++;
}

/** A customer pays revenue[m] in month m while alive; alive[m] = P(still a customer in month m), non-increasing. */
export function addCustomerMoments(moments: Moments, revenue: Float64Array, alive: Float64Array): void {
  const { months, mean, covariance } = moments;
  for (let i = 0; i < months; i++) {
    if (revenue[i] === 0) continue;
    mean[i] += revenue[i]! * alive[i]!;
    for (let j = 0; j < months; j++) {
      // Survival is nested: alive in both months = alive in the later one.
      const both = alive[Math.max(i, j)]!;
      covariance[i * months + j] += revenue[i]! * revenue[j]! * (both - alive[i]! * alive[j]!);
    }
  }
  moments.units++;
}

/** Lower-triangular L with L·Lᵀ = covariance; directions with no variance get a zero column. */
function choleskyLower(covariance: Float64Array, n: number): Float64Array {
  const lower = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = covariance[j * n + j]!;
    for (let k = 0; k < j; k++) diagonal -= lower[j * n + k]! ** 2;
    const scale = Math.abs(covariance[j * n + j]!) * 1e-12;
    if (diagonal <= scale) continue;
    const root = Math.sqrt(diagonal);
    lower[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = covariance[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= lower[i * n + k]! * lower[j * n + k]!;
      lower[i * n + j] = sum / root;
    }
  }
  return lower;
}

/**
 * Adds one multivariate-normal draw of the moments to each simulation's row of sums. With `levelMeans`
 * (levels × months, levels a power of two) simulation s centres on level s mod levels's mean: the
 * shared win-rate shift moves the remainder's mean; its spread keeps the unshifted covariance.
 */
export function addGaussianDraws(moments: Moments, simulations: number, seed: number, sums: Float64Array, levelMeans?: Float64Array): void {
  if (moments.units === 0) return;
  const n = moments.months;
  const mask = levelMeans ? levelMeans.length / n - 1 : 0;
  const lower = choleskyLower(moments.covariance, n);
  const random = createSeededRandom(seed);
  const normals = new Float64Array(n);
  for (let s = 0; s < simulations; s++) {
    for (let i = 0; i < n; i += 2) {
      // Box–Muller: two independent standard normals per pair of uniforms.
      const radius = Math.sqrt(-2 * Math.log(1 - random.next()));
      const angle = 2 * Math.PI * random.next();
      normals[i] = radius * Math.cos(angle);
      if (i + 1 < n) normals[i + 1] = radius * Math.sin(angle);
    }
    for (let i = 0; i < n; i++) {
      let value = levelMeans ? levelMeans[(s & mask) * n + i]! : moments.mean[i]!;
      for (let k = 0; k <= i; k++) value += lower[i * n + k]! * normals[k]!;
      sums[s * n + i] += value;
    }
  }
}
