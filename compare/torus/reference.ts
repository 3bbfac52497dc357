/**
 * The deterministic reference of a study: `f̂₀(t)` from the remeshed-particle solver (or the
 * Lagrangian quadrature) at the study's resolution, its error bounded by the distance to a finer
 * run, and (optionally) `ρ₀`'s `y`- and `c`-marginals from the finite-volume grid solver for the
 * density distances — W1 and the binned L1 compare probability laws, and only that solver keeps
 * `ρ ≥ 0` (the remeshed density is signed where `ρ₀` concentrates) — and (optionally) the predicted
 * CLT prefactor. A study is only as good as its
 * reference: the analysis compares this bound with the smallest effect it measures.
 */
import { createTorusProblem, type Spectrum } from '../../model/index.ts';
import { densityMarginals, predictionWork, solve, solveCost, solveWithCheck, STRICT_OUTFLOW } from '../../solver/index.ts';
import { binGridDensity } from '../distances/binnedDistance.ts';
import { computeCltPrediction, transportTapeBytes, transportWork, type CltPredictionRecord } from './prediction.ts';
import type { ReferenceMarginals } from './member.ts';
import { referenceSettings, type StudySpec } from './studySpec.ts';

export interface StudyReference {
  /** `f̂₀,m(t)` per recorded time. */
  readonly fhat: readonly Spectrum[];
  readonly loss: readonly number[];
  /** `‖f̂₀(study quadrature) − f̂₀(finer quadrature)‖²` per time: the reference's own squared error, estimated. */
  readonly squaredErrorBound: readonly number[];
  readonly marginals: ReferenceMarginals | null;
  /** `ρ₀`'s cell averages on the density grid per time (`rho[j·ny + i]`), for the reports; null without a grid. */
  readonly density: { readonly ny: number; readonly nc: number; readonly L: number; readonly rho: readonly Float64Array[] } | null;
  /** The linearised-flow CLT prefactor at the study's times (null when the study asks for none). */
  readonly prediction: CltPredictionRecord | null;
  /** Mass lost through `|c| = L` by the density solver at the last time (0 without a density). */
  readonly gridOutflow: number;
  readonly seconds: number;
}

/** The part of a reference the members do not need: `f₀` with its check, and the prediction. */
export type ReferenceSolution = Pick<StudyReference, 'fhat' | 'loss' | 'squaredErrorBound' | 'prediction' | 'seconds'>;

export function computeReference(spec: StudySpec, onProgress?: (what: string) => void): StudyReference {
  const solution = computeReferenceSolution(spec, onProgress);
  const started = performance.now();
  const density = computeMarginals(spec, onProgress);
  return assembleReference(solution, density, (performance.now() - started) / 1000);
}

/** The reference from its two parts (computed in either order, or at once on two threads: the numbers are the same). */
export function assembleReference(solution: ReferenceSolution, density: ReturnType<typeof computeMarginals>, densitySeconds = 0): StudyReference {
  return {
    ...solution,
    marginals: density?.marginals ?? null, density: density?.density ?? null, gridOutflow: density?.outflow ?? 0,
    seconds: solution.seconds + densitySeconds,
  };
}

/** `f₀` at the study's times with its error check, and the predicted prefactor: what a member never reads. */
export function computeReferenceSolution(spec: StudySpec, onProgress?: (what: string) => void): ReferenceSolution {
  return joinReferenceParts(computeReferenceFhat(spec, onProgress), computePrediction(spec, onProgress));
}

/** The two independent parts of `ReferenceSolution` (two threads can compute them at once). */
export type ReferenceFhat = Omit<ReferenceSolution, 'prediction'>;
export type ReferencePart = { readonly part: 'fhat'; readonly value: ReferenceFhat } | { readonly part: 'prediction'; readonly value: CltPredictionRecord | null };

export function joinReferenceParts(fhat: ReferenceFhat, prediction: CltPredictionRecord | null): ReferenceSolution {
  return { ...fhat, prediction, seconds: fhat.seconds + (prediction?.seconds ?? 0) };
}

/** `f₀` at the study's times with its error check. */
export function computeReferenceFhat(spec: StudySpec, onProgress?: (what: string) => void): ReferenceFhat {
  const started = performance.now();
  const problem = createTorusProblem(spec.problem);
  const { check } = spec.reference;
  const settings = referenceSettings(spec.reference);
  const label = spec.reference.method === 'remeshed' ? 'remeshed' : 'Lagrangian';
  const checked = solveWithCheck(problem, spec.law, settings, check, spec.times, {
    onRun: (which, s) => onProgress?.(which === 'main' ? `reference: ${label} ${s.ny}×${s.nc}`
      : `reference: ${label} ${s.ny}×${s.nc}${s.method === 'remeshed' ? ', half the interval' : ''} (error check)`),
  });
  const main = checked.main;
  return {
    fhat: main.map((s) => s.fhat),
    loss: main.map((s) => s.loss),
    squaredErrorBound: checked.squaredDistance,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The predicted prefactor with its check (and, with `control: 'transport'`, every member's linear response); null when the study asks for none. */
export function computePrediction(spec: StudySpec, onProgress?: (what: string) => void): CltPredictionRecord | null {
  if (!spec.prediction) return null;
  const { ny, nc, dt, check: pcheck, control } = spec.prediction;
  onProgress?.(`prediction: CLT prefactor by the adjoint of the Lagrangian solver, ${ny}×${nc}${pcheck ? ` (its error from ${pcheck.ny}×${pcheck.nc})` : ''}` +
    `${control === 'transport' ? ', and every member\'s linear response by transport' : ''}`);
  return computeCltPrediction(createTorusProblem(spec.problem), spec.law, spec.times, { ny, nc, dt, check: pcheck ?? null, ...(control ? { control } : {}) },
    onProgress ? throttledProgress(onProgress) : undefined, { seed: spec.seed, ns: spec.ns, seeds: spec.seeds });
}

/** A stage's progress as a line at most every `PROGRESS_INTERVAL_MS` (and at its end): the prediction's sweeps and the transport run for minutes. */
function throttledProgress(onProgress: (what: string) => void): (done: number, total: number, what: string) => void {
  let last = performance.now();
  let started = last;
  let stage = '';
  return (done, total, what) => {
    const now = performance.now();
    if (what !== stage) {
      stage = what;
      started = now;
    }
    if (now - last < PROGRESS_INTERVAL_MS && done < total) return;
    last = now;
    onProgress(`${what}: ${done}/${total} (${((100 * done) / total).toFixed(0)}%), ${((now - started) / 1000).toFixed(0)} s`);
  };
}

const PROGRESS_INTERVAL_MS = 15_000;

/** `ρ₀`'s y- and c-marginals from the (positive) grid solver at the study's times (null when the study has no density grid). */
/** The work and memory of a study's reference: f₀ and its check run, the grid density, the prediction (the solvers' own cost models). */
export interface ReferenceCost {
  readonly work: number;
  readonly memoryBytes: number;
  /** Work by part, in the order they run. */
  readonly parts: { readonly reference: number; readonly density: number; readonly prediction: number };
}

/** What `computeReference` (or, for a shard, `computeMarginals` alone) will cost, before it runs. */
export function referenceCost(spec: StudySpec, marginalsOnly = false): ReferenceCost {
  const problem = createTorusProblem(spec.problem);
  const main = marginalsOnly ? { work: 0, memoryBytes: 0 } : solveCost(problem, spec.law, referenceSettings(spec.reference), spec.times, false, spec.reference.check);
  const density = spec.density
    ? solveCost(problem, spec.law, { method: 'grid', ny: spec.density.ny, nc: spec.density.nc, L: spec.density.L }, spec.times, true)
    : { work: 0, memoryBytes: 0 };
  const p = marginalsOnly ? null : spec.prediction;
  const prediction = p ? predictionWork(p.ny * p.nc, problem.M, spec.times, p.dt) + (p.check ? predictionWork(p.check.ny * p.check.nc, problem.M, spec.times, p.check.dt ?? p.dt) : 0)
    + (p.control === 'transport' && spec.law.sigmaC > 0 ? transportWork(spec, problem.M, spec.times, p.dt) : 0) : 0;
  const tape = p && p.control === 'transport' && spec.law.sigmaC > 0 ? transportTapeBytes(problem.M, spec.times, p.dt) : 0;
  return {
    work: main.work + density.work + prediction,
    memoryBytes: main.memoryBytes + density.memoryBytes + tape,
    parts: { reference: main.work, density: density.work, prediction },
  };
}

export function computeMarginals(spec: StudySpec, onProgress?: (what: string) => void):
  { marginals: ReferenceMarginals; density: NonNullable<StudyReference['density']>; outflow: number } | null {
  if (!spec.density) return null;
  const problem = createTorusProblem(spec.problem);
  const { ny, nc, L } = spec.density;
  onProgress?.(`reference: grid density ${ny}×${nc}`);
  // the marginals would be silently truncated if mass left the grid: stop instead
  const snaps = solve(problem, spec.law, { method: 'grid', ny, nc, L, maxOutflow: STRICT_OUTFLOW }, spec.times, { density: true });
  const y: Float64Array[] = [];
  const c: Float64Array[] = [];
  const by = binCount(ny);
  const bc = binCount(nc);
  const mass: Float64Array[] = [];
  for (const s of snaps) {
    mass.push(binGridDensity(s.density!.rho, ny, nc, L, by, bc));
    const { yMarginal, cMarginal } = densityMarginals(s.density!);
    y.push(yMarginal);
    c.push(cMarginal);
  }
  return { marginals: { L, y, c, bins: { by, bc, mass } }, density: { ny, nc, L, rho: snaps.map((x) => x.density!.rho) }, outflow: snaps[snaps.length - 1]!.outflow };
}

/** The largest divisor of `cells` not above 16: coarse bins that the grid's cells nest in. */
function binCount(cells: number): number {
  for (let d = Math.min(16, cells); d > 1; d--) if (cells % d === 0) return d;
  return 1;
}
