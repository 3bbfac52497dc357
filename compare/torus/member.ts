/**
 * One ensemble member: a finite-`n` GD run (RK4, eq. 9) from its own random stream, reduced at
 * every recorded time to what the statistics need — `f̂_n,m`, the loss and, when the reference
 * density is given, the 1-D Wasserstein distances of the particles' `y` and `c` marginals to
 * `ρ₀`'s and the binned L1 distance of the joint law. Members are independent, so they can run anywhere (worker threads, other machines)
 * and be joined later: the result depends only on `(spec, n, r)`.
 */
import { createTorusProblem, parsevalDistanceSquared, spectrumFromInterleaved, spectrumToInterleaved, type Spectrum, type TorusProblem } from '../../model/index.ts';
import { runParticles, type ParticleRunConfig } from '../../particles/index.ts';
import { binnedL1 } from '../distances/binnedDistance.ts';
import { memberStream, sgdBatchSchedule, type StudySpec } from './studySpec.ts';
import { wassersteinCircleToDensity, wassersteinToDensity } from '../distances/wasserstein.ts';

/** `ρ₀`'s marginals on the grid at each recorded time (cell values of the marginal densities). */
export interface ReferenceMarginals {
  readonly L: number;
  /** `∫ ρ₀ dc` on `ny` equal cells of `[0, 2π)`, per time. */
  readonly y: readonly Float64Array[];
  /** `∫ ρ₀ dy` on `nc` equal cells of `[−L, L]`, per time. */
  readonly c: readonly Float64Array[];
  /** `ρ₀`'s mass on `bins.by × bins.bc` bins of `𝕋 × [−L, L]`, per time (`binnedDistance.ts`). */
  readonly bins: { readonly by: number; readonly bc: number; readonly mass: readonly Float64Array[] };
}

export interface MemberResult {
  readonly n: number;
  readonly r: number;
  /** Per time: `f̂_n,m`, m = 0..M (result files write it interleaved, `[re_0, im_0, re_1, …]`). */
  readonly fhat: readonly Spectrum[];
  readonly loss: readonly number[];
  /** Per time: W1 between the particles' y-marginal and `ρ₀`'s (on the circle), and the same for c; empty without a reference density. */
  readonly w1y: readonly number[];
  readonly w1c: readonly number[];
  /** Per time: `Σ_bins |ρ_n − ρ₀|` on the coarse bins (empty without a reference density). */
  readonly binnedL1: readonly number[];
  /** SGD studies, per time: `‖f_n^SGD − f_n^GD‖²` against the GD twin from the same initial particles (the noise alone). */
  readonly sgdNoise?: readonly number[];
  /** SGD studies with a quench, per time: the same for the run without the quench (same particles, same batches until the quench): the control of the quench verdict. */
  readonly sgdNoiseUnquenched?: readonly number[];
  readonly seconds: number;
}

export function runMember(spec: StudySpec, n: number, r: number, marginals: ReferenceMarginals | null): MemberResult {
  const started = performance.now();
  const problem = createTorusProblem(spec.problem);
  const snaps = runParticles(memberRun(spec, problem, n, r, marginals !== null));
  // the GD twin (forward Euler, same step, same initial particles): what is left is the batch noise
  const twin = spec.sgd ? runParticles({ ...memberRun(spec, problem, n, r, false), dynamics: 'gd', batch: undefined }) : null;
  const unquenched = spec.sgd?.quench ? runParticles(memberRun({ ...spec, sgd: { ...spec.sgd, quench: null } }, problem, n, r, false)) : null;
  const fhat = snaps.map((s) => s.fhat);
  const w1y: number[] = [];
  const w1c: number[] = [];
  const l1: number[] = [];
  if (marginals) {
    const { by, bc, mass } = marginals.bins;
    snaps.forEach((s, k) => {
      l1.push(binnedL1(s.y!, s.c!, mass[k]!, by, bc, marginals.L));
      w1y.push(wassersteinCircleToDensity(s.y!, marginals.y[k]!));
      w1c.push(wassersteinToDensity(s.c!, marginals.c[k]!, -marginals.L, marginals.L));
    });
  }
  return {
    n, r, fhat, loss: snaps.map((s) => s.loss), w1y, w1c, binnedL1: l1,
    ...(twin ? { sgdNoise: snaps.map((s, k) => parsevalDistanceSquared(s.fhat, twin[k]!.fhat)) } : {}),
    ...(twin && unquenched ? { sgdNoiseUnquenched: unquenched.map((s, k) => parsevalDistanceSquared(s.fhat, twin[k]!.fhat)) } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}

/** A member as result files, shard files and checkpoints hold it: `fhat` per time interleaved, `[re_0, im_0, re_1, im_1, …]`. */
export type MemberRecord = Omit<MemberResult, 'fhat'> & { readonly fhat: readonly (readonly number[])[] };

export function memberToRecord(m: MemberResult): MemberRecord {
  return { ...m, fhat: m.fhat.map(spectrumToInterleaved) };
}

export function memberFromRecord(m: MemberRecord): MemberResult {
  return { ...m, fhat: m.fhat.map(spectrumFromInterleaved) };
}

/** Member `(n, r)`'s run: RK4 GD, or for an SGD study forward-Euler SGD with its batch schedule, on the spec's engine. */
function memberRun(spec: StudySpec, problem: TorusProblem, n: number, r: number, recordParticles: boolean): ParticleRunConfig {
  const base = {
    problem, law: spec.law, n, seed: spec.seed, stream: memberStream(n, r), dt: spec.dt, frozenY: false,
    interaction: 'spectral', times: spec.times, recordParticles, engine: spec.engine ?? 'js',
  } as const;
  return spec.sgd ? { ...base, dynamics: 'sgd', integrator: 'euler', batch: sgdBatchSchedule(spec.sgd, n) } : { ...base, dynamics: 'gd', integrator: 'rk4' };
}

/** The particles `(y ∈ [0, 2π), c)` of member `(n, r)` at every recorded time, for the reports (reruns it: members are deterministic). */
export function sampleParticles(spec: StudySpec, n: number, r: number): { n: number; r: number; y: Float64Array[]; c: Float64Array[] } {
  const snaps = runParticles(memberRun(spec, createTorusProblem(spec.problem), n, r, true));
  return { n, r, y: snaps.map((s) => s.y!), c: snaps.map((s) => s.c!) };
}
