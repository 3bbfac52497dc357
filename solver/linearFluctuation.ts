/**
 * The CLT prefactor in the linear regime (groundwork for the fluctuation prediction of the
 * paper's supplementary eq. S46). With `c̄ = 0` and a small target, the empirical fluctuation
 * `√n (f_n − f₀)` starts with per-mode variance `σ_c² |ψ̂_m|²` (particle m-moment `c e^{−imy}` has
 * `E|·|² = σ_c²`, mean ≈ 0) and, to leading order in the target's size, each mode relaxes under the
 * same linearised operator as `f₀` itself (docs/clt-prediction.md, `linearRegime.ts`), at the rate `λ_m`; the
 * fluctuations of `∫ρ dc` and `∫c²ρ dc` only enter multiplied by `U₀ = O(ε)`. So
 *
 *     n·E‖f_n(t) − f₀(t)‖² → Σ_{m ∈ ℤ} σ_c² |ψ̂_m|² e^{−2 λ_m t}    (n → ∞, then ε → 0),
 *
 * which at `t = 0` is `σ_c² ∫ψ² dμ` exactly, for any target.
 */
import { parsevalWeight, type InitialLaw, type TorusProblem } from '../model/index.ts';
import { linearRates } from './linearRegime.ts';

/** Per mode `m = 0..M` (with the Parseval weight 2 for `m ≥ 1`) and in total. */
export function linearRegimeCltPrefactor(problem: TorusProblem, law: InitialLaw, t: number): { perMode: Float64Array; total: number } {
  if (law.cMean !== 0) throw new RangeError(`the linear-regime prediction assumes c̄ = 0, got ${law.cMean}`);
  const lambda = linearRates(problem, law);
  const s2 = law.sigmaC * law.sigmaC;
  const perMode = new Float64Array(problem.M + 1);
  let total = 0;
  for (let m = 0; m <= problem.M; m++) {
    perMode[m] = parsevalWeight(m) * s2 * problem.khat[m]! * Math.exp(-2 * lambda[m]! * t);
    total += perMode[m]!;
  }
  return { perMode, total };
}
