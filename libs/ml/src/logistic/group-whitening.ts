/**
 * Per-group whitening of the design: z_g = W_g (x_g − mean_g) with W_g = L_g⁻¹ and L_g L_gᵀ the
 * group's training covariance. A group is one feature's basis (its spline or bin columns and its
 * missing indicator), so a penalty λ/2 · ||γ||² on whitened coefficients equals
 * λ/2 · Σ_groups Var_train(the group's contribution to the margin): it shrinks what a feature does to
 * the score, whatever basis expresses it. (Plain standardisation of nearly collinear spline columns
 * made λ = 1 flatten the curves.) Everything stays in raw, sparse space; W is applied to the
 * gradient and Hessian afterwards, which costs O(p² · group size) instead of O(rows · p²).
 */
export interface GroupWhitening {
  readonly means: Float64Array;
  /** Group boundaries: group g is columns [starts[g], starts[g + 1]). */
  readonly starts: Int32Array;
  /** Per group, the lower Cholesky factor of its covariance, row-major. */
  readonly factors: readonly Float64Array[];
  /** Columns linearly dependent on earlier ones in their group (a full one-hot set's last column, constants): whitened to 0. */
  readonly dependent: Uint8Array;
}

export function groupStarts(groups: ArrayLike<number>, width: number): Int32Array {
  const starts: number[] = [];
  for (let j = 0; j < width; j++) if (j === 0 || groups[j] !== groups[j - 1]) starts.push(j);
  starts.push(width);
  return Int32Array.from(starts);
}

/** `covariances[g]` (row-major, lower triangle used) is overwritten by its Cholesky factor. */
export function fitGroupWhitening(means: Float64Array, starts: Int32Array, covariances: Float64Array[]): GroupWhitening {
  const dependent = new Uint8Array(means.length);
  covariances.forEach((cov, g) => {
    const s = starts[g]!;
    const size = starts[g + 1]! - s;
    let largest = 0;
    for (let a = 0; a < size; a++) largest = Math.max(largest, cov[a * size + a]!);
    for (let a = 0; a < size; a++) {
      let d = cov[a * size + a]!;
      for (let k = 0; k < a; k++) d -= cov[a * size + k]! ** 2;
      // A negligible residual variance means the column adds nothing its group lacks.
      if (!(d > 1e-10 * largest) || !(d > 1e-300)) {
        dependent[s + a] = 1;
        for (let r = a; r < size; r++) cov[r * size + a] = 0;
        cov[a * size + a] = 1;
      } else {
        const root = Math.sqrt(d);
        cov[a * size + a] = root;
        for (let r = a + 1; r < size; r++) {
          let v = cov[r * size + a]!;
          for (let k = 0; k < a; k++) v -= cov[r * size + k]! * cov[a * size + k]!;
          cov[r * size + a] = v / root;
        }
      }
      for (let c = a + 1; c < size; c++) cov[a * size + c] = 0;
    }
  });
  return { means, starts, factors: covariances, dependent };
}

/** v ↦ W v in place on v[offset + j · stride] (forward substitution per group). */
export function applyWhitening(w: GroupWhitening, v: Float64Array, offset = 0, stride = 1): void {
  const { starts, factors, dependent } = w;
  for (let g = 0; g + 1 < starts.length; g++) {
    const s = starts[g]!;
    const size = starts[g + 1]! - s;
    const factor = factors[g]!;
    for (let a = 0; a < size; a++) {
      const at = offset + (s + a) * stride;
      if (dependent[s + a]) {
        v[at] = 0;
        continue;
      }
      let x = v[at]!;
      for (let k = 0; k < a; k++) x -= factor[a * size + k]! * v[offset + (s + k) * stride]!;
      v[at] = x / factor[a * size + a]!;
    }
  }
}

/** γ ↦ Wᵀ γ: raw-space coefficients β with βᵀ(x − mean) = γᵀ z. */
export function unwhitenCoefficients(w: GroupWhitening, gamma: ArrayLike<number>): Float64Array {
  const { starts, factors, dependent } = w;
  const beta = new Float64Array(gamma.length);
  for (let g = 0; g + 1 < starts.length; g++) {
    const s = starts[g]!;
    const size = starts[g + 1]! - s;
    const factor = factors[g]!;
    for (let a = size - 1; a >= 0; a--) {
      if (dependent[s + a]) continue;
      let v = gamma[s + a]!;
      for (let r = a + 1; r < size; r++) v -= factor[r * size + a]! * beta[s + r]!;
      beta[s + a] = v / factor[a * size + a]!;
    }
  }
  return beta;
}

/** M ↦ W M Wᵀ in place for a symmetric p × p row-major matrix. */
export function whitenSymmetric(w: GroupWhitening, m: Float64Array, p: number): void {
  for (let c = 0; c < p; c++) applyWhitening(w, m, c, p); // columns: W M
  for (let r = 0; r < p; r++) applyWhitening(w, m, r * p, 1); // rows: (W M) Wᵀ
}
