/**
 * Size guards: a command estimates its work and memory from its configuration before it starts,
 * prints the estimate, and refuses beyond the limits below unless `--force` is given. A typo such
 * as `--t 0,1e12`, `--dt 1e-12` or `--n 1e9` is then a one-line refusal naming the flags to change,
 * not hours of silent computing or an allocation that runs the machine out of memory.
 *
 * The unit of work (an "operation") is one particle–mode interaction of one right-hand-side evaluation (spectral GD:
 * `n·(M + 1)` per evaluation, four per RK4 step; direct: `n²`; SGD: `n·P` per step). The rate is
 * measured: RK4 GD on `vonmises:2` (`M = 10`) runs 3.2e6 particle-steps/s on one core of the
 * development machine at `n = 10⁵` (`npm run bench`, docs/performance.md), i.e. 1.4e8 of these units
 * per second. The solvers' estimates share the rate: the `vonmises:2` reference of the main job
 * (remeshed 128² with its 192² check, the grid density, the 64×64 prediction with its check),
 * estimated 1.1e10 units, i.e. 79 s, ran 73 s on one core.
 */
import { UsageError } from './flags.ts';

/** Interactions per second on one core (measured, see the header). */
export const WORK_RATE = 1.4e8;
/** About 2 hours on one core. */
export const WORK_LIMIT = 1e12;
/** Memory a command may plan to hold. */
export const MEMORY_LIMIT = 8 * 2 ** 30;

export interface WorkEstimate {
  /** Interactions (see the header). */
  readonly work: number;
  readonly memoryBytes: number;
  /** The flags that set the size, for the refusal message. */
  readonly flags: string;
  /** The part of `work` that runs on one core whatever the workers (a study's reference), and what it is. */
  readonly serial?: { readonly work: number; readonly what: string };
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
  const k = Math.max(1, cores);
  const serial = e.serial && e.serial.work > 0 ? e.serial : null;
  const seconds = ((serial?.work ?? 0) + (e.work - (serial?.work ?? 0)) / k) / WORK_RATE;
  const part = serial ? `, ${serial.what} ≈ ${duration(serial.work / WORK_RATE)} of it on one` : '';
  return `work ${e.work.toExponential(1)} operations (≈ ${duration(seconds)} on ${k} core${k > 1 ? 's' : ''}${part}), memory ≈ ${human(e.memoryBytes)}`;
}

/**
 * The work as one core would see it in wall time: the serial part whole, the rest shared by `cores`.
 * The guard compares this with `WORK_LIMIT`, so a run is limited by how long it takes on the cores
 * it has (a 16-core cluster slice may hold 16 times the work of a laptop run), not by its total.
 */
export function wallWork(e: WorkEstimate, cores = 1): number {
  const serial = Math.min(e.work, e.serial?.work ?? 0);
  return serial + (e.work - serial) / Math.max(1, cores);
}

/** Refuses an estimate beyond the limits unless forced; the message names the flags that set the size and `--force`. */
export function guardWork(e: WorkEstimate, force: boolean, cores = 1): void {
  if (force) return;
  const over: string[] = [];
  const k = Math.max(1, cores);
  if (!(wallWork(e, k) <= WORK_LIMIT)) {
    over.push(`work ${e.work.toExponential(1)} operations${k > 1 ? ` (${wallWork(e, k).toExponential(1)} in wall time on ${k} cores)` : ''} is beyond the limit `
      + `${WORK_LIMIT.toExponential(0)} (≈ ${duration(WORK_LIMIT / WORK_RATE)} on one core)`);
  }
  if (!(e.memoryBytes <= MEMORY_LIMIT)) over.push(`memory ≈ ${human(e.memoryBytes)} is beyond the limit ${human(MEMORY_LIMIT)}`);
  if (over.length > 0) {
    throw new UsageError(`${over.join('; ')} (${describeWork(e, cores)}): reduce ${e.flags}, or give --force to run it anyway`);
  }
}

// The solvers' cost models sit beside the solvers (`SolverMethod.cost`, `predictionWork` in
// solver/cltPrediction.ts); the particle and 3-spin models are here, with the rate they share.

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
