/**
 * The linear-regime prediction (docs/clt-prediction.md): for a small target `f = ε g` and `c̄ = 0`, linearising
 * eqs. (12)–(13) around `ρ_in` gives for `G(y) = ∫ c ρ dc` (with `∫ ρ_in dc = 1/2π`,
 * `∫ c² ρ_in dc = E[c²]/2π`)
 *
 *     ∂_t G = (E[c²] ∂_y² U − U) / 2π   ⇒   ∂_t f̂₀,m = −λ_m (f̂₀,m − f̂_m),   λ_m = |ψ̂_m|² (1 + m² E[c²]),
 *
 * the kernel `M` of eq. (16) in Fourier. The `m²` term is the motion in `y`. The error is `O(ε²)`.
 */
import { createSpectrum, type InitialLaw, type Spectrum, type TorusProblem } from '../model/index.ts';

/** `λ_m = |ψ̂_m|² (1 + m² E[c²])`, `m = 0..M`, with `E[c²] = c̄² + σ_c²`. */
export function linearRates(problem: TorusProblem, law: InitialLaw): Float64Array {
  const ec2 = law.cMean * law.cMean + law.sigmaC * law.sigmaC;
  return problem.khat.map((k, m) => k * (1 + m * m * ec2));
}

/** `f̂₀,m(t) ≈ f̂_m (1 − e^{−λ_m t})`, the linear-regime prediction from `f₀(0) = 0` (needs `c̄ = 0`). */
export function linearRegimeFhat(problem: TorusProblem, law: InitialLaw, t: number): Spectrum {
  if (law.cMean !== 0) throw new RangeError(`the linear-regime prediction assumes c̄ = 0, got ${law.cMean}`);
  const lambda = linearRates(problem, law);
  const out = createSpectrum(problem.M);
  for (let m = 0; m <= problem.M; m++) {
    const g = -Math.expm1(-lambda[m]! * t);
    out.re[m] = problem.fhat.re[m]! * g;
    out.im[m] = problem.fhat.im[m]! * g;
  }
  return out;
}
