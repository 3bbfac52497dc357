/**
 * From ensemble members and the reference to every number a GD/SGD study reports: per `(n, t)` the
 * mean squared error `E‖f_n − f₀‖²` (exact by Parseval), its split into squared bias
 * `‖E f_n − f₀‖²` and variance `E‖f_n − E f_n‖²`, per mode, the loss and the marginal distances;
 * log-log slopes in `n`, the two-term law `P/n + Q/n²`, the CLT prefactor against its prediction
 * and its decay, the growing-time schedules and the SGD noise, with stratified bootstrap intervals
 * over seeds. Nothing here decides anything: the verdicts read the result (`compare/verdicts/`).
 *
 * Each interval draws from the stream of the study's seed that its name gives (`BootstrapStreams.for`:
 * the quantity, the time, the mode), so it depends on its own data only: a study with one more
 * recorded time or claim has every other interval as it was, and the steps' order is free.
 */
import { createTorusProblem, parsevalDistanceSquared, parsevalWeight } from '../../model/index.ts';
import { influenceShape, SHAPE_CUTOFF } from '../../solver/index.ts';
import { measureSchedules } from './asymptoticSchedules.ts';
import { healingTime } from './healingTime.ts';
import type { MemberResult } from './member.ts';
import {
  asymptoticRungs, CLT_TIMES, hasCltSlope,
  type CellMetrics, type CltRegimeSlope, type ControlVariateRecord, type GaussianityRecord, type GaussianityResidual, type ReferenceCheck, type SgdMeasurements, type SgdSlopes, type SlopeRecord,
  type StudyMeasurements, type TwoTermRecord,
} from './measurements.ts';
import { linearControls, type LinearControls } from './linearControl.ts';
import { measurePrefactorDecay } from './prefactorDecay.ts';
import { comparePrefactor, type PrefactorExtrapolation } from './prediction.ts';
import type { StudyReference } from './reference.ts';
import { bootstrapLogLogSlope, bootstrapStratified, BootstrapStreams, type BootstrapOptions, type SlopeInterval } from '../statistics/bootstrap.ts';
import { gaussianityCheck } from '../statistics/gaussianity.ts';
import { normalCdf } from '../statistics/normalDistribution.ts';
import type { Measurement } from '../statistics/measurement.ts';
import { average, sampleVariance } from '../statistics/sampleStatistics.ts';
import { controlledShapes } from '../statistics/controlledShape.ts';
import { bootstrapControlledLogLogSlope, controlledSummary, type ControlledSample } from '../statistics/controlVariate.ts';
import { bootstrapControlledTwoTermFit } from '../statistics/twoTermFit.ts';
import type { StudySpec } from './studySpec.ts';

/** The per-seed errors every later step reads. */
interface SeedErrors {
  readonly cells: CellMetrics[];
  /** `[time][rung]`: per-seed `‖f_n − f₀‖²`. */
  readonly errors: Float64Array[][];
  /** `[time][rung][mode]`: per-seed weighted `|f̂_n,m − f̂₀,m|²`. */
  readonly modeErrors: Float64Array[][][];
  /** The same with their controls `‖δ_lin‖²` (`linearControl.ts`; none without a prediction's influence). */
  readonly samples: ControlledSample[][];
  readonly modeSamples: ControlledSample[][][];
}

export function measureStudy(spec: StudySpec, reference: StudyReference, members: readonly MemberResult[]): StudyMeasurements {
  const M = createTorusProblem(spec.problem).M;
  const byN = membersByRung(spec, members);
  const controls = linearControls(spec, reference.prediction, byN);
  const { cells, errors, modeErrors, samples, modeSamples } = cellMetrics(spec, reference, byN, M, controls);
  const floor = resolutionFloor(spec, reference, M);
  const streams = new BootstrapStreams(spec.seed, spec.bootstrap.replicates, spec.bootstrap.level);
  const slopes: SlopeRecord[] = [];
  const slope = (t: number, quantity: string, values: readonly Float64Array[]): SlopeRecord => {
    const rec = { t, quantity, ...bootstrapLogLogSlope(spec.ns, values, streams.for('slope', quantity, t)) };
    slopes.push(rec);
    return rec;
  };
  // the slope of controlled means where the samples have a control (the plain one where a controlled mean is not positive)
  const controlledSlope = (t: number, quantity: string, list: readonly ControlledSample[]): SlopeRecord => {
    const iv = list.some((x) => x.control) ? bootstrapControlledLogLogSlope(spec.ns, list, streams.for('slope', quantity, t)) : null;
    if (!iv) return slope(t, quantity, list.map((x) => x.x));
    const rec = { t, quantity, ...iv, controlled: true };
    slopes.push(rec);
    return rec;
  };

  // 1. E‖f_n − f₀‖² per time
  const mseSlopes = spec.times.map((t, k) => controlledSlope(t, 'mse', samples[k]!));
  // 2. per mode m ≤ 4 (healing studies), where every rung's mean is positive
  if (spec.claims.includes('healing')) {
    spec.times.forEach((t, k) => {
      for (let m = 0; m <= Math.min(M, 4); m++) {
        if (errors[k]!.every((_, ni) => average(modeErrors[k]![ni]![m]!) > 0)) {
          controlledSlope(t, `mse mode ${m}`, modeSamples[k]!.map((perN) => perN[m]!));
        }
      }
    });
  }
  // 3. the marginal distances (LLN studies with marginals)
  const distanceSlopes = reference.marginals !== null && spec.claims.includes('lln')
    ? spec.times.map((t, k) => (['w1y', 'w1c', 'binnedL1'] as const).map((key) => slope(t,
      key === 'w1y' ? 'w1 y-marginal' : key === 'w1c' ? 'w1 c-marginal' : 'binned L1 of the joint law',
      byN.map((list) => Float64Array.from(list, (mem) => mem[key][k]!)))))
    : null;
  // 4. the SGD noise and loss deviation per time
  const sgdSlopes: SgdSlopes = spec.sgd ? measureSgdSlopes(spec, reference, byN, slope) : [];
  // 5. the two-term law per time
  const twoTerm: TwoTermRecord[] = spec.ns.length >= 3
    ? spec.times.map((t, k) => ({
      t, ...bootstrapControlledTwoTermFit(spec.ns, samples[k]!, streams.for('two-term', t)),
      resolvable: cells.filter((c) => c.t === t).every((c) => c.mse > floor[k]!),
    }))
    : [];
  const gaussianity = gaussianityProjections(spec, reference, byN, M, modeSamples, controls, streams);
  const referenceCheck = referenceChecks(spec, reference, cells);
  const prefactor = reference.prediction
    ? comparePrefactor(spec.ns, cells, reference.prediction, floor, prefactorExtrapolations(spec, samples, twoTerm, streams))
    : null;
  const seedErrors = { spec, M, reference, byN, errors, modeErrors, floor };
  // 6. P(t)/P(0), total then per mode (healing studies)
  const prefactorDecay = spec.claims.includes('healing')
    ? measurePrefactorDecay({ spec, M, cells, samples, modeSamples, floor, prediction: reference.prediction }, streams)
    : null;
  const healing = spec.claims.includes('healing') && twoTerm.length > 0 ? healingTime(spec.ns, twoTerm, reference.prediction) : null;
  // 7. the growing-time schedules
  const asymptotic = spec.schedules ? measureSchedules(seedErrors, streams) : null;
  // 8. the CLT slope on the asymptotic rungs, per time
  const cltSlopes = spec.claims.includes('clt') || spec.claims.includes('healing')
    ? cltRegimeSlopes(spec, samples, mseSlopes, twoTerm, streams)
    : spec.times.map(() => null);
  // 9. the quench ratio, then the slope against the target (SGD studies)
  const sgd = spec.sgd ? sgdMeasurements(spec, reference, byN, sgdSlopes, streams) : null;
  return {
    spec, M, cells, floor, slopes, mseSlopes, distanceSlopes, twoTerm, gaussianity, referenceCheck, prefactor, prefactorDecay,
    healingTime: healing, asymptotic, cltSlopes, sgd, controlVariate: controlVariateRecord(spec, cells, controls, reference, errors),
  };
}

/**
 * Per time, `P` extrapolated by the fit `P/n + Q/n²` on the rungs `n ≥ CROSSOVER_MARGIN·n×` (the
 * whole-ladder fit's `n×`, upper end; every rung at t = 0), from controlled means: with the control's
 * precision the `Q/n` a pooled mean carries is no longer small against its interval, and on these
 * rungs the next term of the expansion is at most `(1/CROSSOVER_MARGIN)²` of `P`. The fit has the
 * lever arm of every asymptotic rung. Null at a time without controls, without a whole-ladder fit,
 * or with fewer than 3 such rungs.
 */
function prefactorExtrapolations(spec: StudySpec, samples: readonly (readonly ControlledSample[])[], twoTerm: readonly TwoTermRecord[],
  streams: BootstrapStreams): (PrefactorExtrapolation | null)[] {
  return spec.times.map((t, k) => {
    const fit = twoTerm[k];
    if (!fit) return null;
    const rungs = asymptoticRungs(spec.ns, fit);
    const list = rungs.map((n) => samples[k]![spec.ns.indexOf(n)]!);
    if (rungs.length < 3 || !list.every((x) => x.control)) return null;
    const ext = bootstrapControlledTwoTermFit(rungs, list, streams.for('prefactor extrapolation', t, rungs.join(',')));
    return { P: ext.P, Q: ext.Q, rungs, crossover: t === 0 ? 0 : fit.crossover.upper };
  });
}

/** Per time, what the control did: its exact expectation, the prediction beside it, and the variance reduction per rung. */
function controlVariateRecord(spec: StudySpec, cells: readonly CellMetrics[], controls: LinearControls | null, reference: StudyReference,
  errors: readonly (readonly Float64Array[])[]): ControlVariateRecord[] | null {
  if (!controls) return null;
  const top = spec.ns.length - 1;
  const n = spec.ns[top]!;
  return spec.times.map((t, k) => {
    const at = cells.filter((c) => c.t === t);
    return {
      t, expected: controls.expected[k]!, predicted: reference.prediction!.total[k]!, expectedShortfall: controls.expectedShortfall[k]!, method: controls.method,
      beta: at.map((c) => c.controlled?.beta ?? 0),
      reduction: at.map((c) => c.controlled?.reduction ?? 1),
      top: { n, x: Array.from(errors[k]![top]!, (v) => n * v), y: Array.from(controls.total[k]![top]!, (v) => n * v) },
    };
  });
}

/** Members per rung, in seed order; every rung must hold `spec.seeds` of them. */
function membersByRung(spec: StudySpec, members: readonly MemberResult[]): MemberResult[][] {
  const byN = spec.ns.map((n) => members.filter((m) => m.n === n));
  byN.forEach((list, k) => {
    if (list.length !== spec.seeds) throw new Error(`n = ${spec.ns[k]}: ${list.length} members, expected ${spec.seeds}`);
  });
  return byN;
}

/** Per `(t, n)`: the cell's means and the per-seed squared errors, total and per mode (Parseval). */
function cellMetrics(spec: StudySpec, reference: StudyReference, byN: readonly (readonly MemberResult[])[], M: number, controls: LinearControls | null): SeedErrors {
  const R = spec.seeds;
  const cells: CellMetrics[] = [];
  const errors: Float64Array[][] = spec.times.map(() => []);
  const modeErrors: Float64Array[][][] = spec.times.map(() => []);
  const samples: ControlledSample[][] = spec.times.map(() => []);
  const modeSamples: ControlledSample[][][] = spec.times.map(() => []);
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
      const sample: ControlledSample = { x: err, control: controls ? { y: controls.total[k]![ni]!, mean: controls.expected[k]! / n } : null };
      const controlled = controls ? controlledSummary(sample) : null;
      samples[k]!.push(sample);
      modeSamples[k]!.push(modeErr.map((x, m) => ({ x, control: controls ? { y: controls.perMode[k]![ni]![m]!, mean: controls.expectedPerMode[k]![m]! / n } : null })));
      cells.push({
        n, t, mse, mseStandardError: Math.sqrt(sampleVariance(err) / R), bias2: biasRaw - variance / R, variance,
        nMse: n * mse, nVariance: n * variance, modeMse: modeErr.map(average),
        lossMean: average(Float64Array.from(list, (mem) => mem.loss[k]!)),
        w1y: hasW1 ? average(list.map((mem) => mem.w1y[k]!)) : null,
        w1c: hasW1 ? average(list.map((mem) => mem.w1c[k]!)) : null,
        binnedL1: hasW1 ? average(list.map((mem) => mem.binnedL1[k]!)) : null,
        controlled: controlled
          ? { mse: controlled.estimate, standardError: controlled.standardError, beta: controlled.beta, reduction: Math.min(controlled.reduction, 1e300) }
          : null,
      });
      errors[k]!.push(err);
      modeErrors[k]!.push(modeErr);
    });
  });
  return { cells, errors, modeErrors, samples, modeSamples };
}

/** A squared error below the reference's own (×10) or below double rounding of ‖f₀‖² cannot be measured. */
function resolutionFloor(spec: StudySpec, reference: StudyReference, M: number): number[] {
  return spec.times.map((_, k) => {
    const f0 = reference.fhat[k]!;
    let energy = 0;
    for (let m = 0; m <= M; m++) energy += parsevalWeight(m) * (f0.re[m]! ** 2 + f0.im[m]! ** 2);
    return Math.max(10 * reference.squaredErrorBound[k]!, 1e-26 * (1 + energy));
  });
}

/**
 * The SGD noise alone, `‖f_n^SGD − f_n^GD‖²`, is exactly 0 at t = 0: slopes from the first step on.
 * Prop. 4.3 is about the loss; by eq. (30) its deviation from ℓ(f₀) is first order in the
 * fluctuation, of mean ≈ 0, so the measured scale is E[(ℓ(f_n) − ℓ(f₀))²] ∝ n^(−min(2α, 1)) while f₀ ≠ f.
 */
function measureSgdSlopes(spec: StudySpec, reference: StudyReference, byN: readonly (readonly MemberResult[])[],
  slope: (t: number, quantity: string, values: readonly Float64Array[]) => SlopeRecord): SgdSlopes {
  return spec.times.map((t, k) => (t > 0 ? {
    noise: slope(t, 'sgd noise', byN.map((list) => Float64Array.from(list, (mem) => mem.sgdNoise![k]!))),
    lossDeviation: slope(t, 'loss deviation²', byN.map((list) => Float64Array.from(list, (mem) => (mem.loss[k]! - reference.loss[k]!) ** 2))),
  } : null));
}

/**
 * `√n (f_n − f₀)` projections at the largest n at the CLT's times: real and imaginary parts of
 * modes 1 and 2, each with its mode's own crossover `n×_m` (the two-term fit of `E|f̂_n,m − f̂₀,m|²`,
 * over the whole ladder): a mode whose linear part has decayed is led by the `n^{-1}` term far above
 * the total's `n×`. Where the members have controls, each projection also gets what its linear
 * response leaves (`GaussianityResidual`), the projections of a time bootstrapped together over seeds.
 */
function gaussianityProjections(spec: StudySpec, reference: StudyReference, byN: readonly (readonly MemberResult[])[], M: number,
  modeSamples: readonly (readonly (readonly ControlledSample[])[])[], controls: LinearControls | null, streams: BootstrapStreams): GaussianityRecord[] {
  const out: GaussianityRecord[] = [];
  const nTop = spec.ns[spec.ns.length - 1]!;
  const top = byN[byN.length - 1]!;
  const root = Math.sqrt(nTop);
  spec.times.forEach((t, k) => {
    if (!spec.claims.includes('clt') || !CLT_TIMES.includes(t)) return;
    const projections: { m: number; part: 're' | 'im'; x: Float64Array; crossover: number | null }[] = [];
    for (let m = 1; m <= Math.min(2, M); m++) {
      const perN = modeSamples[k]!.map((list) => list[m]!);
      const fit = t > 0 && spec.ns.length >= 3 && perN.every((x) => average(x.x) > 0 && sampleVariance(x.x) > 0)
        ? bootstrapControlledTwoTermFit(spec.ns, perN, streams.for('two-term', `mode ${m}`, t))
        : null;
      for (const part of ['re', 'im'] as const) {
        const f0 = part === 're' ? reference.fhat[k]!.re[m]! : reference.fhat[k]!.im[m]!;
        const x = Float64Array.from(top, (mem) => root * ((part === 're' ? mem.fhat[k]!.re : mem.fhat[k]!.im)[m]! - f0));
        projections.push({ m, part, x, crossover: fit ? fit.crossover.upper : t === 0 ? 0 : null });
      }
    }
    const residuals = controls ? linearResiduals(projections, controls, k, nTop, streams.for('gaussianity residual', t)) : null;
    projections.forEach(({ m, part, x, crossover }, j) => {
      out.push({ t, n: nTop, mode: m, part, result: gaussianityCheck(x), modeCrossover: crossover, residual: residuals?.[j] ?? null });
    });
  });
  return out;
}

/**
 * Per projection at time `k`, against its linear part `L = √n δ_lin` (`controlledShape.ts`): the
 * residual `‖x − L‖/‖x‖` and `x`'s skewness and excess kurtosis with `L` as control variate, `L`'s
 * own from one term's shape (`influenceShape`) over `√n` and `n`.
 */
function linearResiduals(projections: readonly { m: number; part: 're' | 'im'; x: Float64Array }[], controls: LinearControls, k: number,
  n: number, options: BootstrapOptions): GaussianityResidual[] {
  const root = Math.sqrt(n);
  const deltas = controls.top[k]!;
  const R = deltas.length;
  const samples = projections.map(({ m, part, x }) => {
    const q = 2 * m + (part === 'im' ? 1 : 0);
    const one = influenceShape(controls.tables[k]!, q);
    return {
      x, l: Float64Array.from(deltas, (d) => root * d[q]!),
      controlSkewness: one.skewness / root, controlExcessKurtosis: one.excessKurtosis / n,
    };
  });
  return controlledShapes(samples, options).map((sh, j) => ({
    ratio: sh.residual, linearSkewness: samples[j]!.controlSkewness, linearExcessKurtosis: samples[j]!.controlExcessKurtosis,
    skewness: sh.skewness, excessKurtosis: sh.excessKurtosis,
    shapeCutoff: SHAPE_CUTOFF, outsideProbability: Math.min(1, R * n * 2 * normalCdf(-SHAPE_CUTOFF)),
  }));
}

/** Per time: the reference's own squared error against the smallest squared error measured. */
function referenceChecks(spec: StudySpec, reference: StudyReference, cells: readonly CellMetrics[]): ReferenceCheck[] {
  return spec.times.map((t, k) => {
    const smallestMse = Math.min(...cells.filter((c) => c.t === t).map((c) => c.mse));
    const referenceSquaredError = reference.squaredErrorBound[k]!;
    return { t, referenceSquaredError, smallestMse, ratio: referenceSquaredError / smallestMse };
  });
}

/**
 * The CLT slope at each time that has a CLT row, on the rungs `n ≥ CROSSOVER_MARGIN · n×`: below
 * the crossover the `n^{-2}` term leads, and a steeper slope there is no sign of healing. A new
 * bootstrap only where those rungs are a proper part of the ladder; the whole ladder's slope
 * otherwise.
 */
function cltRegimeSlopes(spec: StudySpec, samples: readonly (readonly ControlledSample[])[], mseSlopes: readonly SlopeInterval[],
  twoTerm: readonly TwoTermRecord[], streams: BootstrapStreams): (CltRegimeSlope | null)[] {
  return spec.times.map((t, k) => {
    const fit = twoTerm[k];
    if (!hasCltSlope(spec, t, fit)) return null;
    const rungs = asymptoticRungs(spec.ns, fit);
    const inRegime = rungs.length >= 3 || (rungs.length === spec.ns.length && rungs.length >= 2);
    const list = rungs.map((n) => samples[k]![spec.ns.indexOf(n)]!);
    const options = streams.for('clt slope', t, rungs.join(','));
    const slope = inRegime && rungs.length < spec.ns.length
      ? (list.some((x) => x.control) ? bootstrapControlledLogLogSlope(rungs, list, options) : null) ?? bootstrapLogLogSlope(rungs, list.map((x) => x.x), options)
      : mseSlopes[k]!;
    return { slope, rungs, inRegime };
  });
}

/** The quench's paired ratio and the slope against the target at the latest time. */
function sgdMeasurements(spec: StudySpec, reference: StudyReference, byN: readonly (readonly MemberResult[])[], slopes: SgdSlopes,
  streams: BootstrapStreams): SgdMeasurements {
  const k = spec.times.length - 1;
  const quenchRatio = spec.sgd!.quench ? pairedQuenchRatio(spec, byN, k, streams) : null;
  const target = createTorusProblem(spec.problem).fhat;
  const vsTarget = bootstrapLogLogSlope(spec.ns, byN.map((list) => Float64Array.from(list, (mem) => parsevalDistanceSquared(mem.fhat[k]!, target))), streams.for('sgd vs target', spec.times[k]!));
  return { slopes, quenchRatio, vsTarget, meanFieldDistance: parsevalDistanceSquared(reference.fhat[k]!, target) };
}

/** Pooled noise with the quench over pooled noise without, resampling seeds within each rung (the pair shares its particles). */
function pairedQuenchRatio(spec: StudySpec, byN: readonly (readonly MemberResult[])[], k: number, streams: BootstrapStreams): Measurement {
  const withQ = byN.map((list) => Float64Array.from(list, (mem) => mem.sgdNoise![k]!));
  const without = byN.map((list) => Float64Array.from(list, (mem) => mem.sgdNoiseUnquenched![k]!));
  const [iv] = bootstrapStratified(byN.map((l) => l.length), 1, (idx, out) => {
    let a = 0;
    let b = 0;
    idx.forEach((pick, j) => {
      for (let r = 0; r < pick.length; r++) {
        a += spec.ns[j]! * withQ[j]![pick[r]!]!;
        b += spec.ns[j]! * without[j]![pick[r]!]!;
      }
    });
    out[0] = b > 0 ? a / b : 1;
  }, streams.for('sgd quench ratio', spec.times[k]!));
  return { estimate: iv!.estimate, lower: iv!.lower, upper: iv!.upper, level: iv!.level };
}
