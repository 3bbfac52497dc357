/**
 * One finite-n run: particles drawn from `ρ_in` (or given), moved by GD (eq. 9, Euler or RK4) or
 * online SGD (eqs. 21–22, forward Euler with a fresh batch per step), and recorded at requested
 * times as `f̂_n` and the loss. Everything a run draws comes from one `Rng(seed, stream)`: first
 * the `n` initial particles, then the SGD batches in step order, so a run is bit-reproducible.
 */
import {
  Rng, createSpectrum, fourierMoments, lossOfSpectrum, multiplySpectraInto, sampleInitialLaw,
  type InitialLaw, type Spectrum, type TorusProblem,
} from '../model/index.ts';
import { batchAt, largestBatch, type BatchSchedule } from './batchSchedule.ts';
import { DirectInteraction } from './directInteraction.ts';
import { GradientFlow } from './gradientFlow.ts';
import { createIntegrator, type IntegratorKind } from './integrators.ts';
import type { Interaction, InteractionKind } from './interaction.ts';
import { SgdBatchPotential } from './sgdGradient.ts';
import { SpectralInteraction } from './spectralInteraction.ts';
import { TORUS_ENGINE_KINDS, WasmTorusEngine, fastestTorusEngine, type TorusEngineKind } from './torusEngine.ts';
import { relaxedSimdAvailable } from './wasm/relaxedSimd.ts';

export type Dynamics = 'gd' | 'sgd';

export interface ParticleRunConfig {
  readonly problem: TorusProblem;
  readonly law: InitialLaw;
  readonly n: number;
  readonly seed: number;
  /** Independent stream of the seed (ensemble member); default 0. */
  readonly stream?: number;
  readonly dynamics: Dynamics;
  /** GD only; SGD is forward Euler by definition (eq. 22). */
  readonly integrator: IntegratorKind;
  readonly dt: number;
  /** Only `c` moves ("random features"). */
  readonly frozenY: boolean;
  /** SGD only. */
  readonly batch?: BatchSchedule;
  readonly interaction: InteractionKind;
  /** Increasing times ≥ 0 at which to record. */
  readonly times: readonly number[];
  /** Copy `y`, `c` into each snapshot. */
  readonly recordParticles?: boolean;
  /** Start from these particles instead of sampling `ρ_in` (copied, not modified). */
  readonly initial?: { readonly y: Float64Array; readonly c: Float64Array };
  /**
   * What steps the particles (`torusEngine.ts`): the WebAssembly SIMD kernel with or without fused
   * multiply-adds, or the JavaScript reference; `auto` (the default) is `resolveTorusEngine`'s
   * choice. The engines agree to rounding, not bit for bit: a run is reproducible on its engine.
   */
  readonly engine?: TorusEngineKind | 'auto';
}

export interface ParticleSnapshot {
  readonly t: number;
  /** Steps taken since t = 0. */
  readonly step: number;
  /** `ℓ(f, f_n)` (eq. 3), exact by Parseval. */
  readonly loss: number;
  /** `f̂_n,m`, `m = 0..M`. */
  readonly fhat: Spectrum;
  readonly y?: Float64Array;
  readonly c?: Float64Array;
}

export interface RunHooks {
  onSnapshot?(s: ParticleSnapshot): void;
  /** Called every few steps with the current and final time. */
  onProgress?(t: number, tEnd: number): void;
}

/** Raised when a state stops being finite; names the time, the step and the particle. */
export class NonFiniteError extends Error {
  override readonly name = 'NonFiniteError';
}

/** Raised for a configuration the run cannot honour; names the field and value. */
export class RunConfigError extends Error {
  override readonly name = 'RunConfigError';
}

/**
 * The engine a run with this interaction steps with: `auto` is the fastest this platform runs for
 * the spectral interaction (the fused kernel where relaxed SIMD validates) and the JavaScript one
 * for the direct O(n²) sums, which have no kernel. Refuses a kernel the run cannot use.
 */
export function resolveTorusEngine(requested: TorusEngineKind | 'auto', interaction: InteractionKind): TorusEngineKind {
  if (requested !== 'auto' && !TORUS_ENGINE_KINDS.includes(requested)) {
    throw new RunConfigError(`engine = ${String(requested)} is invalid: one of auto, ${TORUS_ENGINE_KINDS.join(', ')}`);
  }
  if (interaction === 'direct') {
    if (requested !== 'auto' && requested !== 'js') {
      throw new RunConfigError(`engine = ${requested} is invalid with interaction = direct: the direct O(n²) sums run in the js engine only`);
    }
    return 'js';
  }
  if (requested === 'auto') return fastestTorusEngine();
  if (requested === 'wasm-simd-fma' && !relaxedSimdAvailable()) {
    throw new RunConfigError(`engine = wasm-simd-fma is invalid here: WebAssembly relaxed SIMD does not validate on Node ${process.version}; use wasm-simd or auto`);
  }
  return requested;
}

export function validateRunConfig(cfg: ParticleRunConfig): void {
  const bad = (field: string, value: unknown, allowed: string): never => {
    throw new RunConfigError(`${field} = ${String(value)} is invalid: ${allowed}`);
  };
  if (!Number.isSafeInteger(cfg.n) || cfg.n < 1) bad('n', cfg.n, 'an integer >= 1');
  if (!Number.isSafeInteger(cfg.seed) || cfg.seed < 0) bad('seed', cfg.seed, 'an integer >= 0');
  if (!(cfg.dt > 0) || !Number.isFinite(cfg.dt)) bad('dt', cfg.dt, 'a finite number > 0');
  if (!(cfg.law.sigmaC >= 0) || !Number.isFinite(cfg.law.sigmaC)) bad('sigmaC', cfg.law.sigmaC, 'a finite number >= 0');
  if (!Number.isFinite(cfg.law.cMean)) bad('cMean', cfg.law.cMean, 'a finite number');
  if (cfg.times.length === 0) bad('times', '[]', 'at least one time');
  cfg.times.forEach((t, k) => {
    if (!Number.isFinite(t) || t < 0) bad(`times[${k}]`, t, 'finite and >= 0');
    if (k > 0 && !(t > cfg.times[k - 1]!)) bad(`times[${k}]`, t, `strictly greater than the previous time ${cfg.times[k - 1]}`);
  });
  if (cfg.dynamics === 'sgd') {
    if (!cfg.batch || cfg.batch.length === 0) bad('batch', cfg.batch, 'a batch schedule for SGD');
    if (cfg.integrator !== 'euler') bad('integrator', cfg.integrator, 'SGD is forward Euler (eq. 22): use euler');
    if (cfg.interaction !== 'spectral') bad('interaction', cfg.interaction, 'SGD uses the spectral batch estimate');
  }
  if (cfg.initial && (cfg.initial.y.length < cfg.n || cfg.initial.c.length < cfg.n)) bad('initial', `${cfg.initial.y.length} particles`, `at least n = ${cfg.n}`);
  resolveTorusEngine(cfg.engine ?? 'auto', cfg.interaction);
}

/**
 * Runs one finite-n simulation and returns one snapshot per requested time.
 *
 * @example
 * const p = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
 * const snaps = runParticles({ problem: p, law: { cMean: 0, sigmaC: 1 }, n: 1000, seed: 1,
 *   dynamics: 'gd', integrator: 'rk4', dt: 0.05, frozenY: false, interaction: 'spectral', times: [0, 10] });
 * snaps[1].loss; // the loss at t = 10
 */
export function runParticles(cfg: ParticleRunConfig, hooks: RunHooks = {}): ParticleSnapshot[] {
  validateRunConfig(cfg);
  const { problem, n } = cfg;
  const rng = new Rng(cfg.seed, cfg.stream ?? 0);
  const engine = resolveTorusEngine(cfg.engine ?? 'auto', cfg.interaction);
  const maxBatch = cfg.dynamics === 'sgd' ? largestBatch(cfg.batch!) : 0;
  // the kernel keeps the particles in its memory: y, c are views of it, stepped in place
  const wasm = engine === 'js' ? null : new WasmTorusEngine(problem, n, {
    dynamics: cfg.dynamics, integrator: cfg.dynamics === 'sgd' ? 'euler' : cfg.integrator, frozenY: cfg.frozenY,
    fused: engine === 'wasm-simd-fma', ...(cfg.dynamics === 'sgd' ? { maxBatch, rng } : {}),
  });
  const y = wasm ? wasm.y : new Float64Array(n);
  const c = wasm ? wasm.c : new Float64Array(n);
  if (cfg.initial) {
    y.set(cfg.initial.y.subarray(0, n));
    c.set(cfg.initial.c.subarray(0, n));
  } else {
    sampleInitialLaw(cfg.law, n, rng, y, c);
  }
  let sgd: SgdBatchPotential | null = null;
  let advance: (h: number, t: number) => void;
  if (wasm) {
    advance = (h, t) => {
      if (cfg.dynamics === 'sgd') wasm.batch = batchAt(cfg.batch!, t);
      wasm.step(h);
    };
  } else {
    let interaction: Interaction;
    if (cfg.dynamics === 'sgd') {
      sgd = new SgdBatchPotential(problem, n, maxBatch, rng);
      interaction = sgd;
    } else {
      interaction = cfg.interaction === 'direct' ? new DirectInteraction(problem, n) : new SpectralInteraction(problem, n);
    }
    const integrator = createIntegrator(cfg.dynamics === 'sgd' ? 'euler' : cfg.integrator, new GradientFlow(interaction, cfg.frozenY));
    advance = (h, t) => {
      if (sgd) sgd.batch = batchAt(cfg.batch!, t);
      integrator.step(y, c, h);
    };
  }

  const S = createSpectrum(problem.M);
  const snapshots: ParticleSnapshot[] = [];
  const record = (t: number, step: number): void => {
    fourierMoments(y, c, n, 1 / n, S.re, S.im);
    const fhat = multiplySpectraInto(problem.psihat, S, createSpectrum(problem.M));
    const snap: ParticleSnapshot = {
      t, step, loss: lossOfSpectrum(problem, fhat), fhat,
      ...(cfg.recordParticles ? { y: wrapAngles(y), c: c.slice() } : {}),
    };
    snapshots.push(snap);
    hooks.onSnapshot?.(snap);
  };

  const tEnd = cfg.times[cfg.times.length - 1]!;
  let step = 0;
  let tPrev = 0;
  const progressEvery = Math.max(1, Math.floor(2e6 / (n * Math.max(1, problem.M))));
  for (const T of cfg.times) {
    // Steps of dt from the previous record time; the last one is shortened to land on T exactly.
    const span = T - tPrev;
    const steps = span > 0 ? Math.ceil(span / cfg.dt - 1e-9) : 0;
    for (let k = 0; k < steps; k++) {
      const t = tPrev + k * cfg.dt;
      const h = k === steps - 1 ? span - k * cfg.dt : cfg.dt;
      advance(h, t);
      step++;
      checkFinite(y, c, n, t + h, step);
      if (step % progressEvery === 0) hooks.onProgress?.(t + h, tEnd);
    }
    tPrev = T;
    record(T, step);
    hooks.onProgress?.(T, tEnd);
  }
  return snapshots;
}

function checkFinite(y: Float64Array, c: Float64Array, n: number, t: number, step: number): void {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += y[i]! * 0 + c[i]! * 0;
  if (acc === 0) return;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]!) || !Number.isFinite(c[i]!)) {
      throw new NonFiniteError(`particle ${i} is not finite at t = ${t} (step ${step}): y = ${y[i]}, c = ${c[i]}; reduce --dt`);
    }
  }
}

/** Angles reduced to [0, 2π), as a copy. */
function wrapAngles(y: Float64Array): Float64Array {
  const out = new Float64Array(y.length);
  const twoPi = 2 * Math.PI;
  for (let i = 0; i < y.length; i++) out[i] = y[i]! - twoPi * Math.floor(y[i]! / twoPi);
  return out;
}
