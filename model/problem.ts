/**
 * The torus problem of docs/theory.md: a unit, a target and the Fourier data of eq. (5),
 *
 *     F̂_m = f̂_m · conj(ψ̂_m),    k̂_m = |ψ̂_m|²,    f̂_n,m = ψ̂_m · S_m,   S_m = (1/n) Σⱼ cⱼ e^{−imyⱼ},
 *
 * on modes `m = 0..M` with `M` the unit's retained modes (modes of `f` above `M` are beyond reach
 * of any `f_n` and enter the loss as the constant `targetTail`).
 */
import { createTarget, type Target } from './target.ts';
import { createUnit, type SpectralOptions, type Unit } from './units.ts';
import { createSpectrum, type Spectrum } from './spectrum.ts';

export interface TorusProblem {
  readonly unit: Unit;
  readonly target: Target;
  /** Highest retained mode. */
  readonly M: number;
  /** `ψ̂_m`, `m = 0..M`. */
  readonly psihat: Spectrum;
  /** `f̂_m`, `m = 0..M` (zero-padded). */
  readonly fhat: Spectrum;
  /** `F̂_m = f̂_m conj(ψ̂_m)`. */
  readonly Fhat: Spectrum;
  /** `k̂_m = |ψ̂_m|²`. */
  readonly khat: Float64Array;
  /** `Σ_{|m|>M} |f̂_m|²`: the part of `‖f‖²` no `f_n` can reach. */
  readonly targetTail: number;
  readonly options: Required<SpectralOptions>;
}

export interface ProblemSpec extends SpectralOptions {
  readonly unit: string;
  readonly target: string;
}

/**
 * @example
 * const p = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
 * p.M; // returns 10 with the default mode tolerance (modes 0..10)
 */
export function createTorusProblem(spec: ProblemSpec): TorusProblem {
  return assembleTorusProblem(createUnit(spec.unit, spec), createTarget(spec.target, spec), spec);
}

/** The problem of an already built unit and target (built with the same `options`). */
export function assembleTorusProblem(unit: Unit, target: Target, spec: SpectralOptions = {}): TorusProblem {
  const M = unit.modes;
  const psihat = unit.psihat;
  const fhat = createSpectrum(M);
  const Fhat = createSpectrum(M);
  const khat = new Float64Array(M + 1);
  for (let m = 0; m <= M; m++) {
    const fr = m <= target.modes ? target.fhat.re[m]! : 0;
    const fi = m <= target.modes ? target.fhat.im[m]! : 0;
    const pr = psihat.re[m]!;
    const pi = psihat.im[m]!;
    fhat.re[m] = fr;
    fhat.im[m] = fi;
    Fhat.re[m] = fr * pr + fi * pi;
    Fhat.im[m] = fi * pr - fr * pi;
    khat[m] = pr * pr + pi * pi;
  }
  let targetTail = target.tailEnergy;
  for (let m = target.modes; m > M; m--) {
    targetTail += 2 * (target.fhat.re[m]! ** 2 + target.fhat.im[m]! ** 2);
  }
  const options = {
    modeTolerance: spec.modeTolerance ?? 1e-14, maxModes: spec.maxModes ?? 512, fftSize: spec.fftSize ?? 65536,
  };
  return { unit, target, M, psihat, fhat, Fhat, khat, targetTail, options };
}
