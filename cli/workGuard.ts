/**
 * Size guards: a command estimates its work and memory from its configuration before it starts,
 * prints the estimate, and refuses beyond the limits below unless `--force` is given. A typo such
 * as `--t 0,1e12`, `--dt 1e-12` or `--n 1e9` is then a one-line refusal naming the flags to change,
 * not hours of silent computing or an allocation that runs the machine out of memory.
 *
 * The unit of work (an "operation") is one particle–mode interaction of one right-hand-side evaluation (spectral GD:
 * `n·(M + 1)` per evaluation, four per RK4 step; direct: `n²`; SGD: `n·P` per step). The rate is
 * measured: RK4 GD on `vonmises:2` (`M = 10`) runs 1.46e6 particle-steps/s on one core of the
 * development machine (docs/performance.md), i.e. 6.4e7 of these units per second.
 */
import { UsageError } from './flags.ts';

/** Interactions per second on one core (measured, see the header). */
export const WORK_RATE = 6.4e7;
/** About 4–5 hours on one core. */
export const WORK_LIMIT = 1e12;
/** Memory a command may plan to hold. */
export const MEMORY_LIMIT = 8 * 2 ** 30;

export interface WorkEstimate {
  /** Interactions (see the header). */
  readonly work: number;
  readonly memoryBytes: number;
  /** The flags that set the size, for the refusal message. */
  readonly flags: string;
}

/** Steps of size `dt` to reach the last time (the particle engine shortens the last step of each span). */
export function stepsTo(times: readonly number[], dt: number): number {
  let steps = 0;
  let prev = 0;
  for (const t of times) {
    steps += Math.ceil((t - prev) / dt - 1e-9);
    prev = t;
  }
  return steps;
}

/** The work of one particle run. */
export function particleRunWork(o: {
  readonly n: number; readonly M: number; readonly steps: number; readonly dynamics: 'gd' | 'sgd'; readonly integrator: 'rk4' | 'euler';
  readonly interaction: 'spectral' | 'direct'; readonly largestBatch: number;
}): number {
  if (o.dynamics === 'sgd') return o.n * o.largestBatch * o.steps;
  const perEvaluation = o.interaction === 'direct' ? o.n * o.n : o.n * (o.M + 1);
  return perEvaluation * (o.integrator === 'rk4' ? 4 : 1) * o.steps;
}

function human(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function duration(seconds: number): string {
  return seconds < 120 ? `${seconds.toFixed(0)} s` : seconds < 7200 ? `${(seconds / 60).toFixed(0)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * The estimate in words, e.g. "work 3.2e9 operations (≈ 50 s on one core), memory ≈ 12 MiB".
 * @param cores the cores the work is spread over (compare's workers)
 */
export function describeWork(e: WorkEstimate, cores = 1): string {
  const seconds = e.work / WORK_RATE / Math.max(1, cores);
  return `work ${e.work.toExponential(1)} operations (≈ ${duration(seconds)} on ${Math.max(1, cores)} core${cores > 1 ? 's' : ''}), memory ≈ ${human(e.memoryBytes)}`;
}

/** Refuses an estimate beyond the limits unless forced; the message names the flags that set the size and `--force`. */
export function guardWork(e: WorkEstimate, force: boolean, cores = 1): void {
  if (force) return;
  const over: string[] = [];
  if (!(e.work <= WORK_LIMIT)) over.push(`work ${e.work.toExponential(1)} operations is beyond the limit ${WORK_LIMIT.toExponential(0)} (≈ ${duration(WORK_LIMIT / WORK_RATE)} on one core)`);
  if (!(e.memoryBytes <= MEMORY_LIMIT)) over.push(`memory ≈ ${human(e.memoryBytes)} is beyond the limit ${human(MEMORY_LIMIT)}`);
  if (over.length > 0) {
    throw new UsageError(`${over.join('; ')} (${describeWork(e, cores)}): reduce ${e.flags}, or give --force to run it anyway`);
  }
}

/** Cooper–Verner RK8 stages: one moment sum over the nodes per stage. */
const RK8_STAGES = 11;

/** The Lagrangian solver: `nodes` characteristics, `M + 1` moments per stage. */
export function lagrangianWork(nodes: number, M: number, steps: number): number {
  return nodes * (M + 1) * RK8_STAGES * steps;
}

/**
 * The remeshed solver: per interval `substeps` RK8 steps on up to `nodes` particles, plus the
 * remesh (64 deposits and two prefilter passes per node, ≈ 12 moment-units at M = 11).
 */
export function remeshedWork(nodes: number, M: number, intervals: number, substeps: number): number {
  return intervals * (lagrangianWork(nodes, M, substeps) + 12 * nodes);
}

/**
 * The CLT prediction: the forward sweep, then per output time an adjoint sweep back to 0 with
 * `2M + 1` vectors (calibrated: 64×16 nodes, `M = 10`, 880 adjoint steps to t = 50 estimate 36 s; measured 35 s).
 */
export function predictionWork(nodes: number, M: number, times: readonly number[], dt: number): number {
  const forward = lagrangianWork(nodes, M, stepsTo(times, dt));
  let adjoint = 0;
  for (const t of times) adjoint += Math.ceil(t / dt - 1e-9);
  return forward + adjoint * (2 * M + 1) * lagrangianWork(nodes, M, 1);
}

/**
 * The grid solver: SSP-RK3 on `ny·nc` cells, one unit per cell and stage (calibrated: 128² cells to
 * t = 10 on vonmises:2 estimate 3.0 s, measured 2.9 s), at the
 * Courant-limited step `cfl / (2 max|v_y|/h_y + max|v_c|/h_c)` with the speeds bounded by the problem's
 * Fourier data at t = 0 (`max|U|`, `L·max|∂U|`): an estimate, the solver adapts the step as it goes.
 */
export function gridWork(o: { readonly ny: number; readonly nc: number; readonly L: number; readonly cfl: number; readonly tEnd: number; readonly maxU: number; readonly maxDU: number }): number {
  const hy = (2 * Math.PI) / o.ny;
  const hc = (2 * o.L) / o.nc;
  const rate = (2 * o.L * o.maxDU) / hy + o.maxU / hc;
  const steps = Math.max(1, Math.ceil((o.tEnd * rate) / o.cfl));
  return o.ny * o.nc * 3 * steps;
}

/**
 * The 3-spin SGD study: `n·P` unit–point terms per step, each `d` multiply-adds forward and back
 * plus the activation. Nanoseconds per unit·point-step on one thread of the WebAssembly engine,
 * `a + b·d` with `a` the activation's own cost (the sigmoid's exponential), rounded up from
 * `npm run bench:spin3` (docs/performance.md: ReLU 3.3–3.7 ns at d = 10, 20–23 at d = 50; sigmoid
 * 9–11 and 30–34), then converted to operations at `WORK_RATE`. The T = 2000 sigmoid run took
 * 13.5 ns per unit·point-step with the engine before the kernel's target and faster exponential.
 */
export const SPIN3_NS_PER_UNIT_POINT = { relu: 0, sigmoid: 6, perDimension: 0.5 } as const;

export function spin3Work(unitPointSteps: number, d: number, activation: 'relu' | 'sigmoid'): number {
  const ns = SPIN3_NS_PER_UNIT_POINT[activation] + SPIN3_NS_PER_UNIT_POINT.perDimension * d;
  return unitPointSteps * ns * 1e-9 * WORK_RATE;
}
