/**
 * Units `ψ` of the torus family (docs/theory.md), `φ(x, y) = ψ(x − y)`, with their Fourier data:
 *
 * - `vonmises:κ`  `ψ(u) = exp(κ (cos u − 1))`, `ψ̂_m = e^{−κ} I_m(κ)` (exact, Miller recurrence);
 * - `relu`        `ψ(u) = max(0, cos u)`, `ψ̂_m = (−1)^{m/2+1} / (π (m² − 1))` for even m,
 *                 `ψ̂_1 = 1/4`, 0 for odd m ≥ 3 (exact, by direct integration);
 * - `sigmoid:β`   `ψ(u) = 1 / (1 + e^{−β cos u})`, coefficients by FFT;
 * - `expr:<e>`    a mathjs expression in `u`, coefficients by FFT.
 *
 * The number of retained modes comes from {@link selectModes}; the represented unit is the
 * truncated series `ψ_M`, and its relative L² distance to `ψ` is reported with it.
 */
import { besselIveInto, besselIveSequence } from './bessel.ts';
import { compileExpression, type RealFunction } from './expression.ts';
import { coefficientsOfSamples, sampleOnTorus, isFftSize } from './fft.ts';
import { selectModes } from './modeSelection.ts';
import { resizeSpectrum, createSpectrum, type Spectrum } from './spectrum.ts';

export type UnitKind = 'vonmises' | 'relu' | 'sigmoid' | 'expr';

/** The pair kernel `k(u) = ∫ ψ(x) ψ(x − u) dμ(x)` and `k′(u)` in closed form, where one exists. */
export interface ClosedFormKernel {
  k(u: number): number;
  dk(u: number): number;
}

export interface Unit {
  /** The spec as given, e.g. `vonmises:2`. */
  readonly spec: string;
  readonly kind: UnitKind;
  /** The unit `ψ(u)` itself (not truncated). */
  readonly psi: RealFunction;
  /** `ψ̂_m`, `m = 0..modes`. */
  readonly psihat: Spectrum;
  readonly modes: number;
  /** `‖ψ − ψ_M‖² / ‖ψ‖²` in L²(μ). */
  readonly relativeTailEnergy: number;
  /** True when `maxModes` bound before the tolerance was met. */
  readonly capped: boolean;
  /** `∫ ψ² dμ`. */
  readonly energy: number;
  /** Where the coefficients come from: `closed form` or `FFT, N = …`. */
  readonly coefficientSource: string;
  readonly kernel?: ClosedFormKernel;
}

export interface SpectralOptions {
  /** Relative L² tail energy allowed when truncating (default 1e-14). */
  readonly modeTolerance?: number;
  /** Largest number of modes kept (default 512). */
  readonly maxModes?: number;
  /** Samples for FFT-based coefficients, a power of two (default 65536). */
  readonly fftSize?: number;
}

export const DEFAULT_SPECTRAL_OPTIONS: Required<SpectralOptions> = { modeTolerance: 1e-14, maxModes: 512, fftSize: 65536 };

/** Raised for a unit spec that names no known unit or carries a bad parameter. */
export class UnitSpecError extends Error {
  override readonly name = 'UnitSpecError';
}

/**
 * Parses a unit spec and computes its Fourier data.
 *
 * @example
 * const u = createUnit('vonmises:2');
 * u.psihat.re[1]; // returns e^{−2} I_1(2) = 0.21526928924893...
 */
export function createUnit(spec: string, options: SpectralOptions = {}): Unit {
  const opts = { ...DEFAULT_SPECTRAL_OPTIONS, ...options };
  if (!(opts.modeTolerance > 0 && opts.modeTolerance < 1)) throw new RangeError(`modeTolerance must be in (0, 1), got ${opts.modeTolerance}`);
  if (!Number.isInteger(opts.maxModes) || opts.maxModes < 1) throw new RangeError(`maxModes must be an integer >= 1, got ${opts.maxModes}`);
  if (!isFftSize(opts.fftSize) || opts.fftSize < 4 * opts.maxModes) {
    throw new RangeError(`fftSize must be a power of two >= 4·maxModes = ${4 * opts.maxModes}, got ${opts.fftSize}`);
  }
  const colon = spec.indexOf(':');
  const name = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  const arg = colon < 0 ? undefined : spec.slice(colon + 1);
  switch (name) {
    case 'vonmises': return vonMises(spec, positiveParameter(spec, arg, 'κ'), opts);
    case 'relu':
      if (arg !== undefined) throw new UnitSpecError(`unit "${spec}": relu takes no parameter`);
      return relu(spec, opts);
    case 'sigmoid': {
      const beta = positiveParameter(spec, arg, 'β');
      return byFft(spec, 'sigmoid', (u) => 1 / (1 + Math.exp(-beta * Math.cos(u))), opts);
    }
    case 'expr': {
      if (arg === undefined || arg.trim() === '') throw new UnitSpecError(`unit "${spec}": expr needs an expression in u, e.g. expr:exp(cos(u))`);
      return byFft(spec, 'expr', compileExpression(arg, 'u'), opts);
    }
    default:
      throw new UnitSpecError(`unknown unit "${spec}"; known units: vonmises:κ, relu, sigmoid:β, expr:<expression in u>`);
  }
}

function positiveParameter(spec: string, arg: string | undefined, symbol: string): number {
  const v = arg === undefined || arg.trim() === '' ? NaN : Number(arg);
  if (!Number.isFinite(v) || v <= 0) throw new UnitSpecError(`unit "${spec}": ${symbol} must be a finite number > 0, got "${arg ?? ''}"`);
  return v;
}

function finish(spec: string, kind: UnitKind, psi: RealFunction, full: Float64Array, tailBeyond: number, opts: Required<SpectralOptions>,
  source: string, kernel?: ClosedFormKernel): Unit {
  const abs2 = full.map((v) => v * v);
  const sel = selectModes(abs2, tailBeyond, opts.modeTolerance, opts.maxModes);
  const psihat = createSpectrum(sel.modes);
  psihat.re.set(full.subarray(0, sel.modes + 1));
  let energy = abs2[0]! + 2 * tailBeyond;
  for (let m = 1; m < abs2.length; m++) energy += 2 * abs2[m]!;
  return { spec, kind, psi, psihat, modes: sel.modes, relativeTailEnergy: sel.relativeTailEnergy, capped: sel.capped, energy, coefficientSource: source, ...(kernel ? { kernel } : {}) };
}

function vonMises(spec: string, kappa: number, opts: Required<SpectralOptions>): Unit {
  const full = besselIveSequence(kappa, opts.maxModes + 64);
  // k(u) = ∫ e^{κ(cos x − 1) + κ(cos(x−u) − 1)} dμ = e^{−2κ} I_0(2κ cos(u/2)), and k′ by I_0′ = I_1.
  const scratch = new Float64Array(2);
  const kernel: ClosedFormKernel = {
    k(u) {
      const z = 2 * kappa * Math.cos(u / 2);
      const a = Math.abs(z);
      besselIveInto(a, scratch);
      return Math.exp(a - 2 * kappa) * scratch[0]!;
    },
    dk(u) {
      const z = 2 * kappa * Math.cos(u / 2);
      const a = Math.abs(z);
      besselIveInto(a, scratch);
      return -kappa * Math.sin(u / 2) * Math.sign(z) * Math.exp(a - 2 * kappa) * scratch[1]!;
    },
  };
  return finish(spec, 'vonmises', (u) => Math.exp(kappa * (Math.cos(u) - 1)), full, 0, opts, 'closed form e^{−κ} I_m(κ)', kernel);
}

function relu(spec: string, opts: Required<SpectralOptions>): Unit {
  const coef = (m: number): number => (m === 1 ? 0.25 : m % 2 === 1 ? 0 : ((m / 2) % 2 === 0 ? -1 : 1) / (Math.PI * (m * m - 1)));
  const K = opts.maxModes + 1;
  const full = new Float64Array(K + 1);
  for (let m = 0; m <= K; m++) full[m] = coef(m);
  // Σ_{m>K} ψ̂_m² summed far out, from the small end, plus the integral remainder ∫ dm/(2π² m⁴)
  const far = 1 << 20;
  let tail = 1 / (6 * Math.PI * Math.PI * far * far * far);
  for (let m = far; m > K; m--) tail += coef(m) * coef(m);
  return finish(spec, 'relu', (u) => Math.max(0, Math.cos(u)), full, tail, opts, 'closed form');
}

function byFft(spec: string, kind: UnitKind, psi: RealFunction, opts: Required<SpectralOptions>): Unit {
  const N = opts.fftSize;
  const s = coefficientsOfSamples(sampleOnTorus(psi, N, `unit "${spec}"`));
  // A real ψ that is not even has complex ψ̂_m; keep both parts.
  const abs2 = new Float64Array(N / 2 + 1);
  for (let m = 0; m <= N / 2; m++) abs2[m] = s.re[m]! * s.re[m]! + s.im[m]! * s.im[m]!;
  // The Nyquist mode holds both ±N/2: count it once.
  abs2[N / 2] = abs2[N / 2]! / 2;
  const sel = selectModes(abs2, 0, opts.modeTolerance, opts.maxModes);
  let energy = abs2[0]!;
  for (let m = 1; m <= N / 2; m++) energy += 2 * abs2[m]!;
  return {
    spec, kind, psi, psihat: resizeSpectrum(s, sel.modes), modes: sel.modes, relativeTailEnergy: sel.relativeTailEnergy, capped: sel.capped,
    energy, coefficientSource: `FFT, N = ${N}`,
  };
}
