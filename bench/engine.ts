/**
 * Throughput and allocation measurements of our particle engine through its public API only, so
 * the numbers are what a user of `model/` and `particles/` gets.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  Rng, createSpectrum, fourierMoments, lossOfSpectrum, sampleInitialLaw, type TorusProblem,
} from '../model/index.ts';
import {
  DirectInteraction, GradientFlow, RungeKutta4, SpectralInteraction, WasmTorusEngine, type Interaction, type InteractionKind, type TorusEngineKind,
} from '../particles/index.ts';
import { calibrateSteps, nowSeconds, timeRepetitions, type TimedRun } from './timing.ts';

/** The fixed physics of every measurement (the peers hard-code the same: κ = 2, f = cos x, dt = 0.05). */
export interface BenchPhysics {
  readonly problem: TorusProblem;
  readonly cMean: number;
  readonly sigmaC: number;
  readonly dt: number;
  readonly seed: number;
}

/** One engine configuration to time. */
export interface EngineCase {
  readonly interaction: InteractionKind;
  /** What steps the particles (`particles/torusEngine.ts`); the direct interaction runs in `js` only. */
  readonly engine: TorusEngineKind;
  readonly n: number;
  /** Untimed steps before calibration; few for the O(n²) interaction, where one step takes seconds. */
  readonly warmUpSteps: number;
}

export interface EngineResult {
  readonly interaction: InteractionKind;
  readonly engine: TorusEngineKind;
  readonly n: number;
  /** Highest retained mode; the interaction sums modes `0..M`. */
  readonly M: number;
  readonly warmUpSteps: number;
  /** Steps of each timed repetition. */
  readonly steps: number;
  readonly repetitions: number;
  /** Wall time of each repetition. */
  readonly seconds: readonly number[];
  readonly bestSeconds: number;
  /** `n · steps / bestSeconds`. */
  readonly particleStepsPerSecond: number;
  /** Particle-steps per second times `M + 1`, the per-particle work of one interaction sum. */
  readonly modeStepsPerSecond: number;
  /** Every step taken, warm-up and calibration included (fixes the time of `lossFinal`). */
  readonly totalSteps: number;
  /** `ℓ(f, f_n)` at t = 0, against which `lossFinal` shows that GD descended. */
  readonly lossInitial: number;
  readonly lossFinal: number;
}

/** Particles and the RK4 step that moves them in place. */
interface ParticleSystem {
  readonly n: number;
  readonly y: Float64Array;
  readonly c: Float64Array;
  step(dt: number): void;
}

/** The number of modes an interaction sum runs over, `m = 0..M`; what "mode-normalised" multiplies by. */
export function modeCount(M: number): number {
  return M + 1;
}

function createInteraction(kind: InteractionKind, problem: TorusProblem, n: number): Interaction {
  return kind === 'spectral' ? new SpectralInteraction(problem, n) : new DirectInteraction(problem, n);
}

function createSystem(physics: BenchPhysics, kind: InteractionKind, engine: TorusEngineKind, n: number): ParticleSystem {
  const law = { cMean: physics.cMean, sigmaC: physics.sigmaC };
  if (engine !== 'js') {
    if (kind !== 'spectral') throw new Error(`the ${engine} engine runs the spectral interaction only`);
    const wasm = new WasmTorusEngine(physics.problem, n, { dynamics: 'gd', integrator: 'rk4', frozenY: false, fused: engine === 'wasm-simd-fma' });
    sampleInitialLaw(law, n, new Rng(physics.seed), wasm.y, wasm.c);
    return { n, y: wasm.y, c: wasm.c, step: (dt) => wasm.step(dt) };
  }
  const y = new Float64Array(n);
  const c = new Float64Array(n);
  sampleInitialLaw(law, n, new Rng(physics.seed), y, c);
  const rk4 = new RungeKutta4(new GradientFlow(createInteraction(kind, physics.problem, n)));
  return { n, y, c, step: (dt) => rk4.step(y, c, dt) };
}

/** Steps the system `steps` times; the loop body is the step only, so nothing else is timed. */
function advance(system: ParticleSystem, steps: number, dt: number): void {
  for (let s = 0; s < steps; s++) system.step(dt);
}

function timedRun(system: ParticleSystem, dt: number): TimedRun {
  return (steps) => {
    const t0 = nowSeconds();
    advance(system, steps, dt);
    return nowSeconds() - t0;
  };
}

/**
 * `ℓ(f, f_n)` with `f̂_n,m = ψ̂_m S_m`, `S_m = (1/n) Σⱼ cⱼ e^{−imyⱼ}` (complex product, so it holds
 * for any unit, not only the real-spectrum von Mises one). A sanity value: a broken step that is
 * merely fast would not make the loss fall.
 */
export function particleLoss(problem: TorusProblem, y: Float64Array, c: Float64Array, n: number): number {
  const S = createSpectrum(problem.M);
  fourierMoments(y, c, n, 1 / n, S.re, S.im);
  const { psihat } = problem;
  const fn = createSpectrum(problem.M);
  for (let m = 0; m <= problem.M; m++) {
    fn.re[m] = psihat.re[m]! * S.re[m]! - psihat.im[m]! * S.im[m]!;
    fn.im[m] = psihat.re[m]! * S.im[m]! + psihat.im[m]! * S.re[m]!;
  }
  return lossOfSpectrum(problem, fn);
}

/** Times one engine case: warm-up, calibration to `targetSeconds`, then the best of `repetitions`. */
export function measureEngine(physics: BenchPhysics, spec: EngineCase, targetSeconds: number,
  repetitions: number): EngineResult {
  const { problem, dt } = physics;
  const system = createSystem(physics, spec.interaction, spec.engine, spec.n);
  const lossInitial = particleLoss(problem, system.y, system.c, system.n);
  const timed = timedRun(system, dt);
  let totalSteps = 0;
  const run: TimedRun = (steps) => {
    totalSteps += steps;
    return timed(steps);
  };
  run(spec.warmUpSteps);
  const steps = calibrateSteps(run, targetSeconds);
  const seconds = timeRepetitions(run, steps, repetitions);
  const bestSeconds = Math.min(...seconds);
  const particleStepsPerSecond = (spec.n * steps) / bestSeconds;
  return {
    interaction: spec.interaction, engine: spec.engine, n: spec.n, M: problem.M, warmUpSteps: spec.warmUpSteps, steps, repetitions,
    seconds, bestSeconds, particleStepsPerSecond, modeStepsPerSecond: particleStepsPerSecond * modeCount(problem.M),
    totalSteps, lossInitial, lossFinal: particleLoss(problem, system.y, system.c, system.n),
  };
}

/** How a full garbage collection was obtained, recorded so a reader knows the check really ran. */
export type GcSource = '--expose-gc' | 'v8.setFlagsFromString';

/**
 * A function forcing a full GC. `npm run bench` runs plain `tsx`, which does not expose `gc`, so
 * without `--expose-gc` the flag is set at run time and `gc` is fetched from a fresh context
 * (V8 installs it only in contexts created after the flag is set).
 */
export function obtainGc(): { gc: () => void; source: GcSource } {
  if (typeof globalThis.gc === 'function') {
    const exposed = globalThis.gc;
    return { gc: () => void exposed(), source: '--expose-gc' };
  }
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return { gc, source: 'v8.setFlagsFromString' };
}

/** One measured window: `steps` steps between heap reads. */
export interface HeapWindow {
  /** Heap growth with no GC in between: everything allocated (V8 allocates by bumping a pointer). */
  readonly allocatedBytes: number;
  /** Heap growth after a full GC: what was kept alive. */
  readonly retainedBytes: number;
  /** GCs V8 ran by itself inside the window; > 0 means `allocatedBytes` is a lower bound. */
  readonly gcEvents: number;
}

export interface AllocationResult {
  readonly interaction: InteractionKind;
  readonly engine: TorusEngineKind;
  readonly n: number;
  /** Steps per window. */
  readonly steps: number;
  readonly warmUpSeconds: number;
  readonly gcSource: GcSource;
  /**
   * Median of `windowCount` empty windows: the cost of reading the heap size itself (a median,
   * since a single window can be off by tens of kB of unrelated heap bookkeeping).
   */
  readonly baseline: HeapWindow;
  /** Each window, baseline subtracted. */
  readonly windows: readonly HeapWindow[];
  /** Median over the windows, per step: robust to one window catching a late JIT tier-up. */
  readonly allocatedBytesPerStep: number;
  readonly retainedBytesPerStep: number;
  /** Spontaneous GCs summed over the windows. */
  readonly gcEvents: number;
}

/**
 * Heap growth across `action`, read from `heapUsed` after a full GC, right after `action` and after
 * another full GC. Spontaneous GCs in the window are counted from `gc` performance entries whose
 * start falls inside it (entries are delivered asynchronously, hence the wait and the async).
 */
export async function heapWindow(gc: () => void, action: () => void): Promise<HeapWindow> {
  const gcStarts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcStarts.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  gc();
  const t0 = performance.now();
  const before = process.memoryUsage().heapUsed;
  action();
  const afterNoGc = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  gc();
  const afterGc = process.memoryUsage().heapUsed;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const gcEvents = gcStarts.filter((t) => t >= t0 && t <= t1).length;
  return { allocatedBytes: afterNoGc - before, retainedBytes: afterGc - before, gcEvents };
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}

/** Steps until `seconds` have passed, so the JIT has optimised the step (a fixed count is too few at small n). */
function warmUpFor(system: ParticleSystem, seconds: number, dt: number): void {
  const t0 = nowSeconds();
  while (nowSeconds() - t0 < seconds) advance(system, 10, dt);
}

/**
 * Checks that an RK4 step allocates nothing (the engine's contract: stage buffers are sized once).
 * A cold window also sees one-time costs (the JIT tiering the step up, the first forced GC and
 * observer set-up: tens of kB a step in the first window), which say nothing about the engine;
 * hence the warm-up, one discarded window, and the median of `windowCount` windows.
 */
export async function measureAllocation(physics: BenchPhysics, interaction: InteractionKind, engine: TorusEngineKind, n: number,
  steps: number, warmUpSeconds = 1, windowCount = 3): Promise<AllocationResult> {
  const { gc, source } = obtainGc();
  const system = createSystem(physics, interaction, engine, n);
  warmUpFor(system, warmUpSeconds, physics.dt);
  await heapWindow(gc, () => advance(system, steps, physics.dt)); // primes the GC and observer paths; discarded
  const empty: HeapWindow[] = [];
  for (let w = 0; w < windowCount; w++) empty.push(await heapWindow(gc, () => undefined));
  const baseline: HeapWindow = {
    allocatedBytes: median(empty.map((w) => w.allocatedBytes)),
    retainedBytes: median(empty.map((w) => w.retainedBytes)),
    gcEvents: 0,
  };
  const windows: HeapWindow[] = [];
  for (let w = 0; w < windowCount; w++) {
    const raw = await heapWindow(gc, () => advance(system, steps, physics.dt));
    windows.push({
      allocatedBytes: raw.allocatedBytes - baseline.allocatedBytes,
      retainedBytes: raw.retainedBytes - baseline.retainedBytes,
      gcEvents: raw.gcEvents,
    });
  }
  return {
    interaction, engine, n, steps, warmUpSeconds, gcSource: source, baseline, windows,
    allocatedBytesPerStep: median(windows.map((w) => w.allocatedBytes)) / steps,
    retainedBytesPerStep: median(windows.map((w) => w.retainedBytes)) / steps,
    gcEvents: windows.reduce((sum, w) => sum + w.gcEvents, 0),
  };
}
