/**
 * How precisely a calibrator's overall level is known, in log-odds: the standard error of a shift δ
 * of every row's log-odds fitted so that Σ wᵢ(yᵢ − pᵢ(δ)) = 0 on the rows the calibrator was fitted
 * on, SE(δ) = √(Σ wᵢ² pᵢ(1−pᵢ)) / Σ wᵢ pᵢ(1−pᵢ) (the sandwich variance of that estimating equation).
 * With unit weights it is 1/√(Σ pᵢ(1−pᵢ)). With money as the weights it answers for totals of money,
 * which a few large rows pin down far less well than the row count suggests. Every row the model
 * scores shares this error, so it does not average out over a pipeline: forecasts carry it as a
 * shared shift. Null when the rows carry no information (all p at 0 or 1, or no weight).
 */
export function levelStandardError(probabilities: ArrayLike<number>, weights?: ArrayLike<number>): number | null {
  let information = 0;
  let variance = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    const w = weights ? weights[i]! : 1;
    if (!(Number.isFinite(w) && w > 0)) continue;
    const q = p * (1 - p);
    information += w * q;
    variance += w * w * q;
  }
  return information > 0 ? Math.sqrt(variance) / information : null;
}
