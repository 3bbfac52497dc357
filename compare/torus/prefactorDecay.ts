/**
 * Prop. 3.2's `f½(t) → 0`, measured: the CLT prefactor `P(t) = lim n·E‖f_n − f₀‖²` at the latest
 * resolved time over its value at t = 0, `P(t)/P(0)`, pooled over the upper half of the ladder, in
 * total and per mode, with stratified bootstrap intervals over seeds (the same members at both
 * times, so the ratio is paired), beside the linearised flow's predicted ratio.
 */
import type { CellMetrics, PrefactorDecay } from './measurements.ts';
import type { CltPredictionRecord } from './prediction.ts';
import { bootstrapStratified, type BootstrapStreams } from '../statistics/bootstrap.ts';
import { controlledMean, type ControlledSample } from '../statistics/controlVariate.ts';
import { sampleVariance } from '../statistics/sampleStatistics.ts';
import { bootstrapControlledTwoTermFit } from '../statistics/twoTermFit.ts';
import type { Measurement } from '../statistics/measurement.ts';
import type { StudySpec } from './studySpec.ts';

export interface PrefactorDecayInput {
  readonly spec: StudySpec;
  readonly M: number;
  readonly cells: readonly CellMetrics[];
  /** `[time][rung]`: per-seed `‖f_n − f₀‖²` with its control; `[time][rung][mode]` its weighted per-mode terms. */
  readonly samples: readonly (readonly ControlledSample[])[];
  readonly modeSamples: readonly (readonly (readonly ControlledSample[])[])[];
  readonly floor: readonly number[];
  readonly prediction: CltPredictionRecord | null;
}

/** `P(t)/P(0)` pooled over the upper half of the ladder, total and per mode, with intervals; null without t = 0 and a later time. */
export function measurePrefactorDecay(input: PrefactorDecayInput, streams: BootstrapStreams): PrefactorDecay | null {
  const { spec, cells, samples, modeSamples, floor, prediction: p } = input;
  if (spec.times[0] !== 0 || spec.times.length < 2) return null;
  const nTop = spec.ns[spec.ns.length - 1]!;
  // the latest resolved time: by the prediction where there is one (so the row is fixed before any
  // member runs, as a primary verdict must be), else by the measurement
  const resolved = (k: number): boolean => {
    const pk = p ? p.times.indexOf(spec.times[k]!) : -1;
    return pk >= 0 ? p!.total[pk]! / nTop > floor[k]! : cellAt(cells, nTop, spec.times[k]!).mse > floor[k]!;
  };
  let k = spec.times.length - 1;
  while (k > 0 && !resolved(k)) k--;
  if (k === 0) return null;
  const first = Math.floor(spec.ns.length / 2);
  const pooledNs = spec.ns.slice(first);
  // the ratio of pooled (controlled) means at the two times, the same seeds resampled at both
  const ratioOf = (values: readonly (readonly ControlledSample[])[], what: string): Measurement => {
    const [iv] = bootstrapStratified(pooledNs.map((_, j) => values[0]![first + j]!.x.length), 1, (idx, out) => {
      let now = 0;
      let start = 0;
      pooledNs.forEach((n, j) => {
        now += n * controlledMean(values[1]![first + j]!, idx[j]!);
        start += n * controlledMean(values[0]![first + j]!, idx[j]!);
      });
      out[0] = start > 0 ? now / start : 0;
    }, streams.for('prefactor decay', what, spec.times[k]!));
    return { estimate: iv!.estimate, lower: iv!.lower, upper: iv!.upper, level: iv!.level };
  };
  const pk = p ? p.times.indexOf(spec.times[k]!) : -1;
  const p0 = p ? p.times.indexOf(0) : -1;
  return {
    t: spec.times[k]!,
    ratio: ratioOf([samples[0]!, samples[k]!], 'total'),
    predictedRatio: p && pk >= 0 && p0 >= 0 ? p.total[pk]! / p.total[p0]! : null,
    perMode: Array.from({ length: Math.min(input.M, 4) + 1 }, (_, m) => m)
      .filter((m) => modeSamples[0]!.slice(first).every((perN) => perN[m]!.x.some((v) => v > 0)))
      .map((mode) => ({
        mode,
        ratio: ratioOf([modeSamples[0]!.map((perN) => perN[mode]!), modeSamples[k]!.map((perN) => perN[mode]!)], `mode ${mode}`),
        predictedRatio: p && pk >= 0 && p0 >= 0 && p.perMode[p0]![mode]! > 0 ? p.perMode[pk]![mode]! / p.perMode[p0]![mode]! : null,
        modeCrossover: modeCrossover(spec, spec.times[k]!, modeSamples[k]!.map((perN) => perN[mode]!), mode, streams),
      })),
    pooledNs,
  };
}

/** The upper end of `n×_m` of mode `m`'s own two-term fit at the time (null without 3 rungs or a positive mean on each). */
function modeCrossover(spec: StudySpec, t: number, perN: readonly ControlledSample[], mode: number, streams: BootstrapStreams): number | null {
  if (spec.ns.length < 3 || !perN.every((x) => x.x.some((v) => v > 0) && sampleVariance(x.x) > 0)) return null;
  return bootstrapControlledTwoTermFit(spec.ns, perN, streams.for('two-term', `mode ${mode}`, t)).crossover.upper;
}

function cellAt(cells: readonly CellMetrics[], n: number, t: number): CellMetrics {
  return cells.find((c) => c.n === n && c.t === t)!;
}
