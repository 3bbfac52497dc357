/**
 * What every ρ₀ solver reports at a recorded time: `f̂₀,m`, the loss, and the mass bookkeeping.
 */
import type { Spectrum } from '../model/index.ts';

export interface DensityField {
  /** Cells in y (periodic, `[0, 2π)`) and in c (`[−L, L]`). */
  readonly ny: number;
  readonly nc: number;
  readonly L: number;
  /** Cell averages of `ρ₀` (a density in `dy dc`), row-major `rho[j * ny + i]` for y-cell i, c-cell j. */
  readonly rho: Float64Array;
}

export interface SolverSnapshot {
  readonly t: number;
  /** `ℓ(f, f₀)` (eq. 3), exact by Parseval over the retained modes plus the unreachable target tail. */
  readonly loss: number;
  /** `f̂₀,m`, `m = 0..M`. */
  readonly fhat: Spectrum;
  /** Mass still in the domain (1 at t = 0 up to the initial truncation to `|c| ≤ L`). */
  readonly mass: number;
  /** Mass that has left through `|c| = L` since t = 0. */
  readonly outflow: number;
  /** Time steps taken since t = 0. */
  readonly steps: number;
  readonly density?: DensityField;
}
