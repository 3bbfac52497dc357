/**
 * From ensemble members and the reference to the numbers behind the paper's claims: per `(n, t)`
 * the mean squared error `E‖f_n − f₀‖²` (exact by Parseval), its split into squared bias
 * `‖E f_n − f₀‖²` and variance `E‖f_n − E f_n‖²`, the same per Fourier mode, the loss and the
 * marginal distances; log-log slopes against `n` and the two-term law `P/n + Q/n²` per time, with
 * stratified bootstrap intervals over seeds. The verdicts are decided in `verdicts/`, one file per
 * proposition; this file only measures and hands over.
 */
import { createTorusProblem, parsevalWeight } from '../model/index.ts';
import type { MemberResult } from './member.ts';
import { comparePrefactor, type PrefactorComparison } from './prediction.ts';
import type { StudyReference } from './reference.ts';
import { bootstrapLogLogSlope, type BootstrapInterval, type SlopeInterval } from './statistics/bootstrap.ts';
import { gaussianityCheck, type GaussianityResult } from './statistics/gaussianity.ts';
import { average, sampleVariance } from './statistics/sampleStatistics.ts';
import { bootstrapTwoTermFit } from './statistics/twoTermFit.ts';
import type { StudySpec } from './studySpec.ts';
import { healingTime, type HealingTime } from './healingTime.ts';
import { llnVerdicts } from './verdicts/prop31Lln.ts';
import { cltVerdicts, prefactorDecay, type PrefactorDecay } from './verdicts/prop32Clt.ts';
import { asymptoticAnalysis, type AsymptoticAnalysis } from './verdicts/prop33Asymptotic.ts';
import { sgdVerdicts } from './verdicts/prop4Sgd.ts';
import { finaliseVerdicts, type Verdict, type VerdictDraft } from './verdicts/verdict.ts';

export interface CellMetrics {
  readonly n: number;
  readonly t: number;
  /** `E‖f_n − f₀‖²` over the seeds and its standard error. */
  readonly mse: number;
  readonly mseStandardError: number;
  /** `‖f̄_n − f₀‖² − variance/R`: an unbiased estimate of the squared bias (can be slightly negative). */
  readonly bias2: number;
  /** `E‖f_n − E f_n‖²` (unbiased, R − 1): needs no reference. */
  readonly variance: number;
  readonly nMse: number;
  readonly nVariance: number;
  /** Per mode m = 0..M: `E|f̂_n,m − f̂₀,m|²` times its Parseval weight (1 for m = 0, 2 otherwise). */
  readonly modeMse: number[];
  readonly lossMean: number;
  readonly w1y: number | null;
  readonly w1c: number | null;
  /** `E Σ_bins |ρ_n − ρ₀|` on the reference's coarse bins. */
  readonly binnedL1: number | null;
}

export interface SlopeRecord extends SlopeInterval {
  readonly t: number;
  readonly quantity: string;
}

/** `E‖f_n − f₀‖² = P/n + Q/n²` at one time, over the whole ladder (`statistics/twoTermFit.ts`). */
export interface TwoTermRecord {
  readonly t: number;
  readonly P: BootstrapInterval;
  readonly Q: BootstrapInterval;
  /** `n× = |Q|/P`, the `n` below which the `n^{-2}` term dominates. */
  readonly crossover: BootstrapInterval;
  /** False where the errors are at the resolution floor (the reference's error, rounding): the fit means nothing. */
  readonly resolvable: boolean;
}

export interface StudyAnalysis {
  readonly cells: CellMetrics[];
  readonly slopes: SlopeRecord[];
  readonly twoTerm: TwoTermRecord[];
  readonly gaussianity: { t: number; n: number; mode: number; part: 're' | 'im'; result: GaussianityResult }[];
  readonly referenceCheck: { t: number; referenceSquaredError: number; smallestMse: number; ratio: number }[];
  /** Measured `n·E‖f_n − f₀‖²` (pooled over the upper half of the ladder) against the prediction; null without one. */
  readonly prefactor: PrefactorComparison[] | null;
  /** `P(t)/P(0)`, total and per mode, measured and predicted (Prop. 3.2's `f½(t) → 0`); null without t = 0. */
  readonly prefactorDecay: PrefactorDecay | null;
  /** When each `n` heals: the time its `n^{-1}` term falls below the `n^{-2}` one; null where no crossing is resolved. */
  readonly healingTime: HealingTime | null;
  /** Prop. 3.3 on the study's growing-time schedules; null for a study without them. */
  readonly asymptotic: AsymptoticAnalysis | null;
  readonly verdicts: Verdict[];
}

/** The CLT's slope and Gaussianity are primary verdicts at these times when they are recorded. */
export const CLT_TIMES = [0, 1, 10];

/** Everything the verdict files read: the spec, the reference and the per-seed errors. */
export interface StudyData {
  readonly spec: StudySpec;
  readonly reference: StudyReference;
  readonly M: number;
  readonly cells: readonly CellMetrics[];
  /** `[time][rung]`: per-seed `‖f_n − f₀‖²`. */
  readonly errors: readonly (readonly Float64Array[])[];
  /** `[time][rung][mode]`: per-seed weighted `|f̂_n,m − f̂₀,m|²`. */
  readonly modeErrors: readonly (readonly (readonly Float64Array[])[])[];
  /** Members per rung, in seed order. */
  readonly byN: readonly (readonly MemberResult[])[];
  /** Per time: the smallest squared error the study resolves (10× the reference's error, double rounding of ‖f₀‖²). */
  readonly floor: readonly number[];
  /** A bootstrap over seeds with its own stream (every interval is reproducible from the study's seed). */
  slope(ns: readonly number[], values: readonly Float64Array[]): SlopeInterval;
  readonly bootstrap: { readonly replicates: number; readonly level: number; readonly seed: number; nextStream(): number };
}

export function analyseStudy(spec: StudySpec, reference: StudyReference, members: readonly MemberResult[]): StudyAnalysis {
  const M = createTorusProblem(spec.problem).M;
  const R = spec.seeds;
  const byN = spec.ns.map((n) => members.filter((m) => m.n === n));
  byN.forEach((list, k) => {
    if (list.length !== R) throw new Error(`n = ${spec.ns[k]}: ${list.length} members, expected ${R}`);
  });
  const cells: CellMetrics[] = [];
  const errors: Float64Array[][] = spec.times.map(() => []);
  const modeErrors: Float64Array[][][] = spec.times.map(() => []);
  const hasW1 = reference.marginals !== null;

  spec.times.forEach((t, k) => {
    const f0 = reference.fhat[k]!;
    spec.ns.forEach((n, ni) => {
      const list = byN[ni]!;
      const err = new Float64Array(R);
      const modeErr = Array.from({ length: M + 1 }, () => new Float64Array(R));
      const mean = new Float64Array(2 * (M + 1));
      list.forEach((mem, r) => {
        const f = mem.fhat[k]!;
        let e = 0;
        for (let m = 0; m <= M; m++) {
          const dr = f.re[m]! - f0.re[m]!;
          const di = f.im[m]! - f0.im[m]!;
          const w = parsevalWeight(m) * (dr * dr + di * di);
          modeErr[m]![r] = w;
          e += w;
          mean[2 * m]! += f.re[m]! / R;
          mean[2 * m + 1]! += f.im[m]! / R;
        }
        err[r] = e;
      });
      let variance = 0;
      for (const mem of list) {
        const f = mem.fhat[k]!;
        for (let m = 0; m <= M; m++) {
          variance += parsevalWeight(m) * ((f.re[m]! - mean[2 * m]!) ** 2 + (f.im[m]! - mean[2 * m + 1]!) ** 2);
        }
      }
      variance /= R - 1;
      let biasRaw = 0;
      for (let m = 0; m <= M; m++) {
        biasRaw += parsevalWeight(m) * ((mean[2 * m]! - f0.re[m]!) ** 2 + (mean[2 * m + 1]! - f0.im[m]!) ** 2);
      }
      const mse = average(err);
      cells.push({
        n, t, mse, mseStandardError: Math.sqrt(sampleVariance(err) / R), bias2: biasRaw - variance / R, variance,
        nMse: n * mse, nVariance: n * variance, modeMse: modeErr.map(average),
        lossMean: average(Float64Array.from(list, (mem) => mem.loss[k]!)),
        w1y: hasW1 ? average(list.map((mem) => mem.w1y[k]!)) : null,
        w1c: hasW1 ? average(list.map((mem) => mem.w1c[k]!)) : null,
        binnedL1: hasW1 ? average(list.map((mem) => mem.binnedL1[k]!)) : null,
      });
      errors[k]!.push(err);
      modeErrors[k]!.push(modeErr);
    });
  });

  // a squared error below the reference's own or below double rounding of ‖f₀‖² cannot be measured
  const floor = spec.times.map((_, k) => {
    const f0 = reference.fhat[k]!;
    let energy = 0;
    for (let m = 0; m <= M; m++) energy += parsevalWeight(m) * (f0.re[m]! ** 2 + f0.im[m]! ** 2);
    return Math.max(10 * reference.squaredErrorBound[k]!, 1e-26 * (1 + energy));
  });

  const slopes: SlopeRecord[] = [];
  let stream = 1;
  const boot = { replicates: spec.bootstrap.replicates, level: spec.bootstrap.level, seed: spec.seed, nextStream: () => stream++ };
  const data: StudyData = {
    spec, reference, M, cells, errors, modeErrors, byN, floor, bootstrap: boot,
    slope: (ns, values) => bootstrapLogLogSlope(ns, values, { replicates: boot.replicates, level: boot.level, seed: boot.seed, stream: boot.nextStream() }),
  };
  const record = (t: number, quantity: string, s: SlopeInterval): SlopeRecord => {
    const rec = { t, quantity, ...s };
    slopes.push(rec);
    return rec;
  };

  const mseSlopes = spec.times.map((t, k) => record(t, 'mse', data.slope(spec.ns, errors[k]!)));
  if (spec.claims.includes('healing')) {
    spec.times.forEach((t, k) => {
      for (let m = 0; m <= Math.min(M, 4); m++) {
        if (errors[k]!.every((_, ni) => average(modeErrors[k]![ni]![m]!) > 0)) {
          record(t, `mse mode ${m}`, data.slope(spec.ns, modeErrors[k]!.map((perN) => perN[m]!)));
        }
      }
    });
  }
  const distanceSlopes = hasW1 && spec.claims.includes('lln')
    ? spec.times.map((t, k) => (['w1y', 'w1c', 'binnedL1'] as const).map((key) => record(t,
      key === 'w1y' ? 'w1 y-marginal' : key === 'w1c' ? 'w1 c-marginal' : 'binned L1 of the joint law',
      data.slope(spec.ns, byN.map((list) => Float64Array.from(list, (mem) => mem[key][k]!))))))
    : null;

  // the SGD noise alone, ‖f_n^SGD − f_n^GD‖², is exactly 0 at t = 0: slopes from the first step on.
  // Prop. 4.3 is about the loss; by eq. (30) its deviation from ℓ(f₀) is first order in the
  // fluctuation, of mean ≈ 0, so the measured scale is E[(ℓ(f_n) − ℓ(f₀))²] ∝ n^(−min(2α, 1)) while f₀ ≠ f.
  const sgdSlopes = spec.sgd ? spec.times.map((t, k) => (t > 0 ? {
    noise: record(t, 'sgd noise', data.slope(spec.ns, byN.map((list) => Float64Array.from(list, (mem) => mem.sgdNoise![k]!)))),
    lossDeviation: record(t, 'loss deviation²', data.slope(spec.ns, byN.map((list) => Float64Array.from(list, (mem) => (mem.loss[k]! - reference.loss[k]!) ** 2)))),
  } : null)) : [];

  const twoTerm: TwoTermRecord[] = spec.ns.length >= 3
    ? spec.times.map((t, k) => ({
      t, ...bootstrapTwoTermFit(spec.ns, errors[k]!, { replicates: boot.replicates, level: boot.level, seed: boot.seed, stream: boot.nextStream() }),
      resolvable: cells.filter((c) => c.t === t).every((c) => c.mse > floor[k]!),
    }))
    : [];

  // √n (f_n − f₀) projections at the largest n: real and imaginary parts of modes 1 and 2
  const gaussianity: StudyAnalysis['gaussianity'] = [];
  const nTop = spec.ns[spec.ns.length - 1]!;
  const top = byN[byN.length - 1]!;
  spec.times.forEach((t, k) => {
    if (!spec.claims.includes('clt') || !CLT_TIMES.includes(t)) return;
    for (let m = 1; m <= Math.min(2, M); m++) {
      for (const part of ['re', 'im'] as const) {
        const f0 = part === 're' ? reference.fhat[k]!.re[m]! : reference.fhat[k]!.im[m]!;
        const values = Float64Array.from(top, (mem) => Math.sqrt(nTop) * ((part === 're' ? mem.fhat[k]!.re : mem.fhat[k]!.im)[m]! - f0));
        gaussianity.push({ t, n: nTop, mode: m, part, result: gaussianityCheck(values) });
      }
    }
  });

  const referenceCheck = spec.times.map((t, k) => {
    const smallestMse = Math.min(...cells.filter((c) => c.t === t).map((c) => c.mse));
    const referenceSquaredError = reference.squaredErrorBound[k]!;
    return { t, referenceSquaredError, smallestMse, ratio: referenceSquaredError / smallestMse };
  });

  const prefactor = reference.prediction ? comparePrefactor(spec.ns, cells, reference.prediction, floor) : null;
  const decay = spec.claims.includes('healing') ? prefactorDecay(data) : null;
  const healing = spec.claims.includes('healing') && twoTerm.length > 0 ? healingTime(spec.ns, twoTerm, reference.prediction) : null;
  const asymptotic = spec.schedules ? asymptoticAnalysis(data) : null;

  const drafts: VerdictDraft[] = [
    ...(spec.claims.includes('clt') || spec.claims.includes('healing') ? cltVerdicts(data, { mseSlopes, twoTerm, gaussianity, prefactor, decay }) : []),
    ...(asymptotic ? asymptotic.drafts : []),
    ...(spec.sgd ? sgdVerdicts(data, mseSlopes, sgdSlopes) : []),
    ...(spec.claims.includes('lln') ? llnVerdicts(data, mseSlopes, distanceSlopes) : []),
  ];
  const verdicts = finaliseVerdicts(drafts);
  return {
    cells, slopes, twoTerm, gaussianity, referenceCheck, prefactor, prefactorDecay: decay, healingTime: healing,
    asymptotic: asymptotic ? asymptotic.analysis : null, verdicts,
  };
}
