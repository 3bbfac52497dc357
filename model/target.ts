/**
 * The target `f(x)` on the torus, given as a mathjs expression in `x`, with its Fourier data by
 * FFT (exact to rounding for trigonometric polynomials of degree `< N/2`).
 */
import { compileExpression, type RealFunction } from './expression.ts';
import { coefficientsOfSamples, sampleOnTorus } from './fft.ts';
import { selectModes } from './modeSelection.ts';
import { resizeSpectrum, type Spectrum } from './spectrum.ts';
import { DEFAULT_SPECTRAL_OPTIONS, type SpectralOptions } from './units.ts';

export interface Target {
  readonly expression: string;
  readonly f: RealFunction;
  /** `f̂_m`, `m = 0..modes`. */
  readonly fhat: Spectrum;
  readonly modes: number;
  /** `‖f − f_M‖² / ‖f‖²`. */
  readonly relativeTailEnergy: number;
  /** `Σ_{|m|>modes} |f̂_m|²`, absolute (enters the loss as a constant). */
  readonly tailEnergy: number;
  readonly energy: number;
  readonly capped: boolean;
}

/**
 * @example
 * createTarget('cos(x)').fhat.re[1]; // returns 0.5 (to rounding)
 */
export function createTarget(expression: string, options: SpectralOptions = {}): Target {
  const opts = { ...DEFAULT_SPECTRAL_OPTIONS, ...options };
  const f = compileExpression(expression, 'x');
  const N = opts.fftSize;
  const s = coefficientsOfSamples(sampleOnTorus(f, N, `target "${expression}"`));
  const abs2 = new Float64Array(N / 2 + 1);
  for (let m = 0; m <= N / 2; m++) abs2[m] = s.re[m]! * s.re[m]! + s.im[m]! * s.im[m]!;
  abs2[N / 2] = abs2[N / 2]! / 2;
  const sel = selectModes(abs2, 0, opts.modeTolerance, opts.maxModes);
  let energy = abs2[0]!;
  for (let m = 1; m <= N / 2; m++) energy += 2 * abs2[m]!;
  let tail = 0;
  for (let m = N / 2; m > sel.modes; m--) tail += 2 * abs2[m]!;
  return { expression, f, fhat: resizeSpectrum(s, sel.modes), modes: sel.modes, relativeTailEnergy: sel.relativeTailEnergy, tailEnergy: tail, energy, capped: sel.capped };
}
