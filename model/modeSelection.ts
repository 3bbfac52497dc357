/**
 * How many Fourier modes to keep: the smallest `M` whose discarded energy
 * `Σ_{|m|>M} |ĝ_m|²` is at most `tolerance · ∫ g² dμ` (the relative L²(μ) error of the truncated
 * function, squared). The count comes from a tolerance, never a hard-coded number.
 */
export interface ModeSelection {
  /** Retained modes are `0..modes`. */
  readonly modes: number;
  /** `Σ_{|m|>M} |ĝ_m|² / ∫ g² dμ`, as measured. */
  readonly relativeTailEnergy: number;
  /** True when `maxModes` stopped the search before the tolerance was met. */
  readonly capped: boolean;
}

/**
 * @param abs2 `|ĝ_m|²` for `m = 0..K` (K ≥ maxModes is best).
 * @param tailBeyond `Σ_{m>K} |ĝ_m|²` over positive modes only (0 when negligible).
 */
export function selectModes(abs2: Float64Array, tailBeyond: number, tolerance: number, maxModes: number): ModeSelection {
  const K = abs2.length - 1;
  // suffix[m] = Σ_{k>m} |ĝ_k|² over positive k, summed from the small end so no cancellation occurs
  const suffix = new Float64Array(K + 1);
  let acc = tailBeyond;
  for (let m = K; m >= 0; m--) {
    suffix[m] = acc;
    acc += abs2[m]!;
  }
  const energy = abs2[0]! + 2 * (acc - abs2[0]!);
  if (energy === 0) return { modes: 0, relativeTailEnergy: 0, capped: false };
  const limit = Math.min(maxModes, K);
  for (let M = 0; M <= limit; M++) {
    const rel = (2 * suffix[M]!) / energy;
    if (rel <= tolerance) return { modes: M, relativeTailEnergy: rel, capped: false };
  }
  return { modes: limit, relativeTailEnergy: (2 * suffix[limit]!) / energy, capped: true };
}
