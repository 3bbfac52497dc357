/**
 * The initial law `ρ_in(y, c) = (1/2π) · N(c; c̄, σ_c²)` of docs/theory.md: uniform in `y` on the torus,
 * Gaussian in `c`, full support as the theory asks.
 */
import type { Rng } from './rng.ts';

export interface InitialLaw {
  /** `c̄`, the mean of `c`. */
  readonly cMean: number;
  /** `σ_c ≥ 0`, the standard deviation of `c`. */
  readonly sigmaC: number;
}

/** `ρ_in(y, c)` as a density on `𝕋 × ℝ` with respect to `dy dc`. */
export function initialDensity(law: InitialLaw, c: number): number {
  const z = (c - law.cMean) / law.sigmaC;
  return Math.exp(-0.5 * z * z) / (law.sigmaC * Math.sqrt(2 * Math.PI) * 2 * Math.PI);
}

/**
 * Draws `n` independent particles from `ρ_in`: for each `i`, first `yᵢ` then `cᵢ` from `rng`, so a
 * run's particles depend only on `(seed, stream)` and `n`.
 */
export function sampleInitialLaw(law: InitialLaw, n: number, rng: Rng, y: Float64Array, c: Float64Array): void {
  for (let i = 0; i < n; i++) {
    y[i] = 2 * Math.PI * rng.uniform();
    c[i] = law.cMean + law.sigmaC * rng.normal();
  }
}
