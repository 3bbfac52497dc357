/**
 * Choosing the unit by its predicted fluctuation (issue: "adjust the network architecture to
 * minimize the representation error"): for one target, every candidate unit `ψ` gets the
 * predicted CLT prefactor `lim n·E‖f_n(t) − f₀(t)‖²` (`prediction.ts`) and an ensemble of GD runs
 * at one `n` that measures it; the units are ranked by the prediction at a chosen time and the
 * ranking is confirmed, or not, by the measurement.
 *
 * All units draw their members from the same streams (`memberStream(n, r)` of one seed), so unit
 * A and unit B start from the same particles: common random numbers. The inversion test below
 * treats the units' estimates as independent, which is conservative when they are positively
 * correlated.
 */
import { createTorusProblem, spectrumDistanceSquared, spectrumEnergy, type InitialLaw } from '../model/index.ts';
import { solveLagrangian } from '../solver/index.ts';
import type { MemberResult } from './member.ts';
import { runMembers } from './memberPool.ts';
import { computeCltPrediction, type CltPredictionRecord } from './prediction.ts';
import { average, standardError } from './statistics/sampleStatistics.ts';
import { studyTasks } from './study.ts';
import type { StudySpec } from './studySpec.ts';

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
}

export interface UnitRanking {
  readonly t: number;
  /** Units by increasing predicted, and by increasing measured, prefactor. */
  readonly predictedOrder: readonly string[];
  readonly measuredOrder: readonly string[];
  /** Kendall's τ between the two orders (1: identical). */
  readonly kendallTau: number;
  /** Pairs ranked one way by the prediction and significantly (95%) the other way by the measurement. */
  readonly inversions: readonly { readonly predictedBetter: string; readonly measuredBetter: string; readonly z: number }[];
  /** No unit is measured significantly (95%) better than the predicted best. */
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
    const perTime = spec.times.map((_, j) => nSquaredErrors(members, j, reference[j]!.fhat, spec.n, problem.M));
    units.push({
      unit, M: problem.M, psiEnergy: spectrumEnergy(problem.psihat), prediction,
      measured: perTime.map(average), standardError: perTime.map(standardError),
      meanFieldLoss: reference.map((s) => s.loss),
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
    reference: { ...spec.reference, check: spec.reference }, density: null, bootstrap: { replicates: 100, level: 0.95 },
  };
}

function nSquaredErrors(members: readonly MemberResult[], j: number, f0: { re: Float64Array; im: Float64Array }, n: number, M: number): Float64Array {
  return Float64Array.from(members, (mem) => {
    const f = mem.fhat[j]!;
    const re = new Float64Array(M + 1);
    const im = new Float64Array(M + 1);
    for (let m = 0; m <= M; m++) {
      re[m] = f[2 * m]!;
      im[m] = f[2 * m + 1]!;
    }
    return n * spectrumDistanceSquared({ re, im }, f0);
  });
}

/** Ranks by the prediction at time index `k` and checks the order against the measurement. */
export function rankUnits(units: readonly UnitOutcome[], k: number, t: number): UnitRanking {
  const byPred = [...units].sort((a, b) => a.prediction.total[k]! - b.prediction.total[k]!);
  const byMeas = [...units].sort((a, b) => a.measured[k]! - b.measured[k]!);
  let concordant = 0;
  let discordant = 0;
  const inversions: { predictedBetter: string; measuredBetter: string; z: number }[] = [];
  for (let i = 0; i < byPred.length; i++) {
    for (let j = i + 1; j < byPred.length; j++) {
      const a = byPred[i]!;
      const b = byPred[j]!;
      const dp = b.prediction.total[k]! - a.prediction.total[k]!;
      const dm = b.measured[k]! - a.measured[k]!;
      if (dp * dm > 0) concordant++;
      else if (dp * dm < 0) discordant++;
      const z = dm / Math.hypot(a.standardError[k]!, b.standardError[k]!);
      if (dp > 0 && z < -1.96) inversions.push({ predictedBetter: a.unit, measuredBetter: b.unit, z });
    }
  }
  const pairs = (units.length * (units.length - 1)) / 2;
  const best = byPred[0]!;
  const bestConfirmed = units.every((u) => u === best || (u.measured[k]! - best.measured[k]!) / Math.hypot(u.standardError[k]!, best.standardError[k]!) > -1.96);
  return {
    t, predictedOrder: byPred.map((u) => u.unit), measuredOrder: byMeas.map((u) => u.unit),
    kendallTau: pairs > 0 ? (concordant - discordant) / pairs : 1, inversions, bestConfirmed,
  };
}
