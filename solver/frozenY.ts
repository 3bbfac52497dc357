/**
 * The exact mean-field solution of the frozen-y ("random features") variant (docs/solvers.md). Only `c`
 * moves, with velocity `−U(y)`, so `ρ₀(t, y, c) = ρ_in(y, c − s(t, y))` with `∂_t s = −U(y)`.
 * Since `∫ c ρ₀ dc = (c̄ + s)/2π`, in Fourier `Û_m = −F̂_m + k̂_m (c̄ δ_{m0} + ŝ_m)`, a diagonal
 * linear ODE per mode:
 *
 *     ŝ_m(t) = (F̂_m / k̂_m − c̄ δ_{m0}) (1 − e^{−k̂_m t}),     f̂₀,m(t) = ψ̂_m (c̄ δ_{m0} + ŝ_m(t)).
 */
import { createSpectrum, multiplySpectraInto, type InitialLaw, type Spectrum, type TorusProblem } from '../model/index.ts';

/** `ŝ_m(t)`, `m = 0..M`: the Fourier coefficients of the shift `s(t, y)`. */
export function frozenYShift(problem: TorusProblem, law: InitialLaw, t: number): Spectrum {
  const { Fhat, khat, M } = problem;
  const s = createSpectrum(M);
  for (let m = 0; m <= M; m++) {
    const k = khat[m]!;
    if (k === 0) continue;
    const g = -Math.expm1(-k * t); // 1 − e^{−kt}, accurate for small kt
    s.re[m] = (Fhat.re[m]! / k - (m === 0 ? law.cMean : 0)) * g;
    s.im[m] = (Fhat.im[m]! / k) * g;
  }
  return s;
}

/** `f̂₀,m(t)` of the frozen-y mean-field flow. */
export function frozenYFhat(problem: TorusProblem, law: InitialLaw, t: number): Spectrum {
  const g = frozenYShift(problem, law, t); // becomes c̄ δ_{m0} + ŝ_m, the c-moment of ρ₀
  g.re[0] = g.re[0]! + law.cMean;
  return multiplySpectraInto(problem.psihat, g, createSpectrum(problem.M));
}
