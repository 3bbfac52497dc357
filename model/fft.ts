/**
 * Fourier coefficients of a sampled function by fft.js, behind a typed interface (fft.js ships
 * `any` types). fft.js's forward transform uses `e^{−i…}`, the convention of docs/theory.md, and sizes
 * must be powers of two.
 */
import FFT from 'fft.js';
import { createSpectrum, type Spectrum } from './spectrum.ts';
import type { RealFunction } from './expression.ts';

interface FftInstance {
  createComplexArray(): number[] | Float64Array;
  realTransform(out: Float64Array, input: Float64Array): void;
  completeSpectrum(out: Float64Array): void;
  transform(out: Float64Array, input: Float64Array): void;
  inverseTransform(out: Float64Array, input: Float64Array): void;
}
type FftConstructor = new (size: number) => FftInstance;
const FftClass = FFT as unknown as FftConstructor;

/** True when `n` is a power of two greater than one (fft.js's requirement). */
export function isFftSize(n: number): boolean {
  return Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

/** A cached fft.js plan of size `n` (plans hold twiddle tables: build each once). */
const plans = new Map<number, FftInstance>();
export function fftPlan(n: number): FftInstance {
  if (!isFftSize(n)) throw new RangeError(`FFT size must be a power of two > 1, got ${n}`);
  let plan = plans.get(n);
  if (!plan) {
    plan = new FftClass(n);
    plans.set(n, plan);
  }
  return plan;
}

/**
 * `ĝ_m ≈ (1/N) Σ_j g(x_j) e^{−imx_j}`, `x_j = 2πj/N`, for `m = 0..N/2`: the trapezoid rule, exact
 * for trigonometric polynomials of degree `< N/2` and spectrally accurate for smooth `g`; for other
 * `g` the error is the aliased tail `Σ_{k≠0} ĝ_{m+kN}`.
 */
export function coefficientsOfSamples(samples: Float64Array): Spectrum {
  const N = samples.length;
  const out = new Float64Array(2 * N);
  fftPlan(N).realTransform(out, samples);
  const s = createSpectrum(N / 2);
  for (let m = 0; m <= N / 2; m++) {
    s.re[m] = out[2 * m]! / N;
    s.im[m] = out[2 * m + 1]! / N;
  }
  return s;
}

/** Samples `g` at the `N` equispaced nodes of the torus; a non-finite value is an error naming the node. */
export function sampleOnTorus(g: RealFunction, N: number, what: string): Float64Array {
  const samples = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    const x = (2 * Math.PI * j) / N;
    const v = g(x);
    if (!Number.isFinite(v)) throw new RangeError(`${what} is not finite at ${x.toPrecision(6)}: ${v}`);
    samples[j] = v;
  }
  return samples;
}
