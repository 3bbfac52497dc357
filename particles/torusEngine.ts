/**
 * The torus GD and SGD engine in WebAssembly SIMD (wasm/torusKernel.wat): the same dynamics as
 * `GradientFlow` over `SpectralInteraction` or `SgdBatchPotential` stepped by `ForwardEuler` or
 * `RungeKutta4` (which stay, in JavaScript, as the reference), with the particles in the kernel's
 * memory. A GD stage is two passes over the particles: one forms the stage point, its phasors and
 * the moments `S_m`; one sums `U`, `∂_yU` there and writes the velocity of eq. (9) or, at the last
 * stage, the update. Per particle the arithmetic is the reference's, operation for operation; the
 * moments sum even and odd particles in two lanes, so the two engines agree to rounding, not bit for
 * bit. The fused variant rounds each multiply-add once.
 */
import { createSpectrum, multiplySpectraInto, type Rng, type Spectrum, type TorusProblem } from '../model/index.ts';
import type { IntegratorKind } from './integrators.ts';
import { relaxedSimdAvailable } from './wasm/relaxedSimd.ts';
import { instantiateTorusKernel, type TorusKernel } from './wasm/torusKernel.ts';

/** The engine a run steps with: the SIMD kernel with or without fused multiply-adds, or the JavaScript reference. */
export type TorusEngineKind = 'wasm-simd-fma' | 'wasm-simd' | 'js';
export const TORUS_ENGINE_KINDS: readonly TorusEngineKind[] = ['wasm-simd-fma', 'wasm-simd', 'js'];

/** The fastest engine this platform runs: the fused kernel where relaxed SIMD validates, else the plain one. */
export function fastestTorusEngine(): TorusEngineKind {
  return relaxedSimdAvailable() ? 'wasm-simd-fma' : 'wasm-simd';
}

export interface TorusEngineOptions {
  readonly dynamics: 'gd' | 'sgd';
  /** GD only (SGD is forward Euler, eq. 22). */
  readonly integrator: IntegratorKind;
  readonly frozenY: boolean;
  readonly fused: boolean;
  /** SGD only: the largest batch, and the stream the batches are drawn from. */
  readonly maxBatch?: number;
  readonly rng?: Rng;
}

/** Kernel modes of `velocity` (torusKernel.wat). */
const STORE = 0;
const EULER = 1;
const RK4_LAST = 2;

export class WasmTorusEngine {
  readonly n: number;
  /** The particles, views into the kernel's memory: read, write or `set` them between steps. */
  readonly y: Float64Array;
  readonly c: Float64Array;
  /** SGD: the batch size of the next step. */
  batch: number;
  private readonly kernel: TorusKernel;
  private readonly problem: TorusProblem;
  private readonly options: TorusEngineOptions;
  private readonly n2: number;
  private readonly Mb: number;
  /** Scratch spectra: the folded moments, and `ψ̂ S`. */
  private readonly moments: Spectrum;
  private readonly product: Spectrum;
  private readonly f: Float64Array;
  /** Byte offsets of the kernel's arrays. */
  private readonly at: Record<'y' | 'c' | 'k0y' | 'k0c' | 'k1y' | 'k1c' | 'k2y' | 'k2c' | 'yt' | 'ct' | 'cos' | 'sin'
    | 'coef' | 'fn' | 'target' | 'acc' | 'x' | 'r' | 'cosX' | 'sinX', number>;

  constructor(problem: TorusProblem, n: number, options: TorusEngineOptions) {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n = ${n} is invalid: an integer >= 1`);
    if (options.dynamics === 'sgd' && (options.rng === undefined || !Number.isSafeInteger(options.maxBatch) || options.maxBatch! < 1)) {
      throw new RangeError(`WasmTorusEngine: SGD needs an rng and maxBatch an integer >= 1 (got ${options.maxBatch})`);
    }
    this.problem = problem;
    this.options = options;
    this.n = n;
    this.n2 = n + (n & 1);
    const M = problem.M;
    // the SGD residual sums f_n's series to M and the target's to its own modes, as sgdGradient.ts
    // does; both sit in arrays of the longer length, zero-padded (adding exact zeros)
    this.Mb = Math.max(M, problem.target.modes);
    this.moments = createSpectrum(M);
    this.product = createSpectrum(M);
    const p2 = options.dynamics === 'sgd' ? options.maxBatch! + (options.maxBatch! & 1) : 0;
    // lengths in doubles, each even, so every array starts on 16 bytes
    const lengths = {
      y: this.n2, c: this.n2, k0y: this.n2, k0c: this.n2, k1y: this.n2, k1c: this.n2, k2y: this.n2, k2c: this.n2,
      yt: this.n2, ct: this.n2, cos: this.n2, sin: this.n2,
      coef: 2 * (M + 1), fn: 2 * (this.Mb + 1), target: 2 * (this.Mb + 1), acc: 4 * (M + 1), x: p2, r: p2, cosX: p2, sinX: p2,
    };
    let offset = 0;
    const at = {} as Record<keyof typeof lengths, number>;
    for (const key of Object.keys(lengths) as (keyof typeof lengths)[]) {
      at[key] = offset;
      offset += 8 * lengths[key];
    }
    this.at = at;
    this.kernel = instantiateTorusKernel(offset, options.fused);
    this.f = new Float64Array(this.kernel.memory.buffer, 0, offset / 8);
    this.y = this.f.subarray(at.y / 8, at.y / 8 + n);
    this.c = this.f.subarray(at.c / 8, at.c / 8 + n);
    this.batch = options.maxBatch ?? 0;
    const t = problem.target.fhat;
    for (let m = 0; m <= problem.target.modes; m++) {
      this.f[at.target / 8 + 2 * m] = t.re[m]!;
      this.f[at.target / 8 + 2 * m + 1] = t.im[m]!;
    }
  }

  /** Advances the particles by `h`. */
  step(h: number): void {
    if (this.options.dynamics === 'sgd') this.sgdStep(h);
    else if (this.options.integrator === 'rk4') this.rk4Step(h);
    else this.eulerStep(h);
  }

  private eulerStep(h: number): void {
    const { kernel: k, at, n2 } = this;
    const M = this.problem.M;
    k.phasorMoments(at.y, at.c, n2, M, at.acc, at.cos, at.sin);
    this.gdPotential();
    this.velocity(at.c, EULER, h, 0, 0);
    this.zeroPad(at.y, at.c);
  }

  private rk4Step(dt: number): void {
    const { kernel: k, at, n2 } = this;
    const M = this.problem.M;
    k.phasorMoments(at.y, at.c, n2, M, at.acc, at.cos, at.sin);
    this.gdPotential();
    this.velocity(at.c, STORE, 0, at.k0y, at.k0c);
    this.zeroPad(at.k0y, at.k0c);
    k.stageMoments(at.y, at.c, at.k0y, at.k0c, 0.5 * dt, n2, M, at.acc, at.yt, at.ct, at.cos, at.sin);
    this.gdPotential();
    this.velocity(at.ct, STORE, 0, at.k1y, at.k1c);
    this.zeroPad(at.k1y, at.k1c);
    k.stageMoments(at.y, at.c, at.k1y, at.k1c, 0.5 * dt, n2, M, at.acc, at.yt, at.ct, at.cos, at.sin);
    this.gdPotential();
    this.velocity(at.ct, STORE, 0, at.k2y, at.k2c);
    this.zeroPad(at.k2y, at.k2c);
    k.stageMoments(at.y, at.c, at.k2y, at.k2c, dt, n2, M, at.acc, at.yt, at.ct, at.cos, at.sin);
    this.gdPotential();
    this.velocity(at.ct, RK4_LAST, dt / 6, 0, 0);
    this.zeroPad(at.y, at.c);
  }

  /** One step of eqs. (21–22), drawing the batch from the run's stream as `SgdBatchPotential` does. */
  private sgdStep(h: number): void {
    const { kernel: k, at, n2, f } = this;
    const { M, psihat } = this.problem;
    const P = this.batch;
    if (!Number.isInteger(P) || P < 1 || P > this.options.maxBatch!) {
      throw new RangeError(`batch = ${P} is invalid: an integer in [1, maxBatch = ${this.options.maxBatch}]`);
    }
    const rng = this.options.rng!;
    k.phasorMoments(at.y, at.c, n2, M, at.acc, at.cos, at.sin);
    // f̂_n = ψ̂ S, interleaved for the kernel
    const fnhat = multiplySpectraInto(psihat, this.foldMoments(1 / this.n), this.product);
    const FN = at.fn / 8;
    for (let m = 0; m <= M; m++) {
      f[FN + 2 * m] = fnhat.re[m]!;
      f[FN + 2 * m + 1] = fnhat.im[m]!;
    }
    const X = at.x / 8;
    for (let p = 0; p < P; p++) f[X + p] = 2 * Math.PI * rng.uniform();
    const p2 = P + (P & 1);
    if (p2 > P) f[X + P] = 0;
    k.phasors(at.x, p2, at.cosX, at.sinX);
    k.batchResidual(at.cosX, at.sinX, p2, this.Mb, at.fn, at.target, at.r);
    if (p2 > P) f[at.r / 8 + P] = 0;
    f.fill(0, at.acc / 8, at.acc / 8 + 4 * (M + 1));
    k.momentsOfPhasors(at.cosX, at.sinX, at.r, p2, M, at.acc);
    // Û_P = conj(ψ̂) R (sgdGradient.ts)
    const R = this.foldMoments(1 / P);
    const C = at.coef / 8;
    for (let m = 0; m <= M; m++) {
      f[C + 2 * m] = psihat.re[m]! * R.re[m]! + psihat.im[m]! * R.im[m]!;
      f[C + 2 * m + 1] = psihat.re[m]! * R.im[m]! - psihat.im[m]! * R.re[m]!;
    }
    this.velocity(at.c, EULER, h, 0, 0);
    this.zeroPad(at.y, at.c);
  }

  /** `Û_m = −F̂_m + k̂_m S_m` (SpectralInteraction) from the accumulated moments, into `coef`. */
  private gdPotential(): void {
    const { f, at } = this;
    const { Fhat, khat, M } = this.problem;
    const S = this.foldMoments(1 / this.n);
    const C = at.coef / 8;
    for (let m = 0; m <= M; m++) {
      f[C + 2 * m] = -Fhat.re[m]! + khat[m]! * S.re[m]!;
      f[C + 2 * m + 1] = -Fhat.im[m]! + khat[m]! * S.im[m]!;
    }
  }

  /** The kernel's two-lane moment accumulators added and scaled, `S_m = scale·(lane 0 + lane 1)`, into the scratch `moments`. */
  private foldMoments(scale: number): Spectrum {
    const { f, moments: S } = this;
    const A = this.at.acc / 8;
    for (let m = 0; m <= this.problem.M; m++) {
      S.re[m] = (f[A + 4 * m]! + f[A + 4 * m + 1]!) * scale;
      S.im[m] = (f[A + 4 * m + 2]! + f[A + 4 * m + 3]!) * scale;
    }
    return S;
  }

  private velocity(w: number, mode: number, h: number, ky: number, kc: number): void {
    const { at } = this;
    this.kernel.velocity(at.cos, at.sin, w, this.n2, this.problem.M, at.coef, this.options.frozenY ? 1 : 0, mode, h,
      ky, kc, at.y, at.c, at.k0y, at.k0c, at.k1y, at.k1c, at.k2y, at.k2c);
  }

  /** The pad particle (odd n) keeps weight 0, so it adds nothing to any moment. */
  private zeroPad(a: number, b: number): void {
    if (this.n2 === this.n) return;
    this.f[a / 8 + this.n] = 0;
    this.f[b / 8 + this.n] = 0;
  }
}
