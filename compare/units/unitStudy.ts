/**
 * Choosing the unit by its predicted fluctuation (issue: "adjust the network architecture to
 * minimize the representation error"): for one target, every candidate unit `ψ` gets the
 * predicted CLT prefactor `lim n·E‖f_n(t) − f₀(t)‖²` (`torus/prediction.ts`) and an ensemble of GD runs
 * at one `n` that measures it; the units are ranked by the prediction at a chosen time and the
 * ranking is confirmed, or not, by the measurement.
 *
 * All units draw their members from the same streams (`memberStream(n, r)` of one seed), so unit
 * A's member r and unit B's member r start from the same particles: common random numbers. The
 * units are therefore compared paired: per seed r, `d_r = n‖f_n^A − f₀^A‖² − n‖f_n^B − f₀^B‖²`,
 * and the test is on the mean of `d` with its own standard error `sd(d)/√R`. Why paired: both
 * units' errors are driven by the same fluctuation of the initial empirical measure (a sample that
 * is far from the law is far from it for every ψ), so their squared errors are positively correlated
 * and `Var(d̄) = (Var a + Var b − 2 Cov(a, b))/R` is smaller than the `Var a/R + Var b/R` that
 * treating them as independent assumes. The independent test
 * then overstates the noise of the difference (it is conservative and misses real, small
 * differences); the paired one estimates the variance of the difference itself and is sharper.
 */
import { createTorusProblem, parsevalDistanceSquared, spectrumEnergy, type InitialLaw, type Spectrum } from '../../model/index.ts';
import { solveLagrangian } from '../../solver/index.ts';
import type { MemberResult } from '../torus/member.ts';
import { runMembers } from '../torus/memberPool.ts';
import { computeCltPrediction, type CltPredictionRecord } from '../torus/prediction.ts';
import { average, standardError } from '../statistics/sampleStatistics.ts';
import { studyTasks } from '../torus/study.ts';
import type { StudySpec } from '../torus/studySpec.ts';
import type { TorusEngineKind } from '../../particles/index.ts';

export interface UnitStudySpec {
  readonly units: readonly string[];
  readonly target: string;
  readonly law: InitialLaw;
  readonly modeTolerance: number;
  readonly maxModes: number;
  readonly n: number;
  readonly seeds: number;
  readonly seed: number;
  readonly times: readonly number[];
  /** The time at which the units are ranked (one of `times`). */
  readonly rankTime: number;
  /** RK4 step of the particle GD. */
  readonly dt: number;
  /** What steps the members (`StudySpec.engine`); absent: `js`. */
  readonly engine?: TorusEngineKind;
  /** Lagrangian quadrature of the reference `f₀(t)`. */
  readonly reference: { readonly ny: number; readonly nc: number };
  readonly prediction: { readonly ny: number; readonly nc: number; readonly dt: number };
}

export interface UnitOutcome {
  readonly unit: string;
  /** Modes kept, and `∫ψ² dμ` of the kept modes. */
  readonly M: number;
  readonly psiEnergy: number;
  readonly prediction: CltPredictionRecord;
  /** Per time: the mean of `n‖f_n − f₀‖²` over the seeds and its standard error. */
  readonly measured: readonly number[];
  readonly standardError: readonly number[];
  /** Per time: the mean-field loss `½‖f₀ − f‖²` (the error no `n` removes). */
  readonly meanFieldLoss: readonly number[];
  /**
   * Per time: `n‖f_n − f₀‖²` of member r at index r. Member r starts from the same particles for
   * every unit, so these are kept to compare units seed by seed (the paired test of `rankUnits`).
   */
  readonly perSeed: readonly Float64Array[];
}

/** The paired comparison of two units at one time: `d_r = a_r − b_r` over the common seeds r. */
export interface PairedComparison {
  /** `d̄`, the mean of `d_r` over the seeds. */
  readonly meanDifference: number;
  /** `sd(d)/√R`, with the sample sd (divisor `R − 1`). */
  readonly standardError: number;
  /** `d̄ / se` (0 when both vanish: identical members). */
  readonly z: number;
}

/** One pair of units, `a` predicted no worse than `b`; differences are `a − b`. */
export interface UnitPair extends PairedComparison {
  readonly a: string;
  readonly b: string;
  /** Predicted prefactor of `a` minus that of `b` (≤ 0 by the order). */
  readonly predictedDifference: number;
}

/** A pair ranked one way by the prediction and significantly the other way by the paired measurement. */
export interface UnitInversion {
  readonly predictedBetter: string;
  readonly measuredBetter: string;
  /** Paired, `predictedBetter − measuredBetter`: positive, with `z > 1.96`, for an inversion. */
  readonly meanDifference: number;
  readonly standardError: number;
  readonly z: number;
}

export interface UnitRanking {
  readonly t: number;
  /** Units by increasing predicted, and by increasing measured, prefactor. */
  readonly predictedOrder: readonly string[];
  readonly measuredOrder: readonly string[];
  /** Kendall's τ between the two orders (1: identical). */
  readonly kendallTau: number;
  /** Every pair (i < j in the predicted order) with its paired measured difference. */
  readonly pairs: readonly UnitPair[];
  /** Pairs ranked one way by the prediction and significantly (paired, two-sided 95%) the other way by the measurement. */
  readonly inversions: readonly UnitInversion[];
  /** No unit is measured significantly (paired, 95%) better than the predicted best. */
  readonly bestConfirmed: boolean;
}

export interface UnitStudyResult {
  readonly units: UnitOutcome[];
  readonly ranking: UnitRanking;
}

export interface UnitStudyHooks {
  onStage?(what: string): void;
  onMemberDone?(done: number, total: number): void;
}

export async function runUnitStudy(spec: UnitStudySpec, workers: number, hooks: UnitStudyHooks = {}): Promise<UnitStudyResult> {
  const k = spec.times.indexOf(spec.rankTime);
  if (k < 0) throw new RangeError(`rankTime = ${spec.rankTime} is not one of the recorded times ${spec.times.join(', ')}`);
  const total = spec.units.length * spec.seeds;
  let done = 0;
  const units: UnitOutcome[] = [];
  for (const unit of spec.units) {
    const problem = createTorusProblem({ unit, target: spec.target, modeTolerance: spec.modeTolerance, maxModes: spec.maxModes });
    hooks.onStage?.(`${unit}: prediction ${spec.prediction.ny}×${spec.prediction.nc}, reference, ${spec.seeds} members at n = ${spec.n}`);
    const prediction = computeCltPrediction(problem, spec.law, spec.times, { ...spec.prediction, check: null });
    const reference = solveLagrangian(problem, spec.law, { ...spec.reference, times: spec.times });
    const study = memberSpec(spec, unit);
    const members = await runMembers(study, studyTasks(study), null, { workers, onMemberDone: () => hooks.onMemberDone?.(++done, total) });
    const perSeed = spec.times.map((_, j) => nSquaredErrors(members, j, reference[j]!.fhat, spec.n));
    units.push({
      unit, M: problem.M, psiEnergy: spectrumEnergy(problem.psihat), prediction,
      measured: perSeed.map(average), standardError: perSeed.map(standardError),
      meanFieldLoss: reference.map((s) => s.loss), perSeed,
    });
  }
  return { units, ranking: rankUnits(units, k, spec.rankTime) };
}

/** The ensemble of one unit as a one-rung study (members are the same code as every comparison's). */
function memberSpec(spec: UnitStudySpec, unit: string): StudySpec {
  return {
    claims: ['clt'],
    problem: { unit, target: spec.target, modeTolerance: spec.modeTolerance, maxModes: spec.maxModes },
    law: spec.law, ns: [spec.n], seeds: spec.seeds, seed: spec.seed, times: spec.times, dt: spec.dt,
    ...(spec.engine ? { engine: spec.engine } : {}),
    reference: { ...spec.reference, check: spec.reference }, density: null, bootstrap: { replicates: 100, level: 0.95 },
  };
}

/** `n‖f_n − f₀‖²` per member, at index `r` (not the order the pool returns) so that units pair up seed by seed. */
function nSquaredErrors(members: readonly MemberResult[], j: number, f0: Spectrum, n: number): Float64Array {
  const out = new Float64Array(members.length);
  for (const mem of members) {
    if (!(mem.r >= 0 && mem.r < members.length)) throw new RangeError(`member r = ${mem.r} outside 0…${members.length - 1}`);
    out[mem.r] = n * parsevalDistanceSquared(mem.fhat[j]!, f0);
  }
  return out;
}

/** Two-sided 95% normal quantile. */
const Z95 = 1.96;

/**
 * The paired comparison of two units measured on the same seeds: `d_r = a_r − b_r`, its mean, and
 * the standard error of that mean from the scatter of `d` itself, so the covariance the common
 * random numbers induce is accounted for instead of assumed away.
 */
export function pairedComparison(perSeedA: Float64Array, perSeedB: Float64Array): PairedComparison {
  if (perSeedA.length !== perSeedB.length) throw new RangeError(`paired samples differ in length: ${perSeedA.length} vs ${perSeedB.length}`);
  if (perSeedA.length < 2) throw new RangeError(`a paired comparison needs at least 2 seeds, got ${perSeedA.length}`);
  const d = new Float64Array(perSeedA.length);
  for (let r = 0; r < d.length; r++) d[r] = perSeedA[r]! - perSeedB[r]!;
  const meanDifference = average(d);
  const se = standardError(d);
  // se = 0 only when every d_r is equal: z = 0 for identical members, else ±∞ (a difference with no scatter)
  const z = meanDifference === 0 ? 0 : meanDifference / se;
  return { meanDifference, standardError: se, z };
}

/** Ranks by the prediction at time index `k` and checks the order against the paired measurement. */
export function rankUnits(units: readonly UnitOutcome[], k: number, t: number): UnitRanking {
  const byPred = [...units].sort((a, b) => a.prediction.total[k]! - b.prediction.total[k]!);
  const byMeas = [...units].sort((a, b) => a.measured[k]! - b.measured[k]!);
  let concordant = 0;
  let discordant = 0;
  const pairs: UnitPair[] = [];
  const inversions: UnitInversion[] = [];
  for (let i = 0; i < byPred.length; i++) {
    for (let j = i + 1; j < byPred.length; j++) {
      const a = byPred[i]!;
      const b = byPred[j]!;
      const predictedDifference = a.prediction.total[k]! - b.prediction.total[k]!;
      const paired = pairedComparison(a.perSeed[k]!, b.perSeed[k]!);
      // τ is on the orders as measured (the means), the significance on the paired differences
      const dm = a.measured[k]! - b.measured[k]!;
      if (predictedDifference * dm > 0) concordant++;
      else if (predictedDifference * dm < 0) discordant++;
      pairs.push({ a: a.unit, b: b.unit, predictedDifference, ...paired });
      if (predictedDifference < 0 && paired.z > Z95) inversions.push({ predictedBetter: a.unit, measuredBetter: b.unit, ...paired });
    }
  }
  const npairs = (units.length * (units.length - 1)) / 2;
  const best = byPred[0]!;
  const bestConfirmed = units.every((u) => u === best || pairedComparison(best.perSeed[k]!, u.perSeed[k]!).z <= Z95);
  return {
    t, predictedOrder: byPred.map((u) => u.unit), measuredOrder: byMeas.map((u) => u.unit),
    kendallTau: npairs > 0 ? (concordant - discordant) / npairs : 1, pairs, inversions, bestConfirmed,
  };
}
