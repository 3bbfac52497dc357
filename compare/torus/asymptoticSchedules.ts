/**
 * Prop. 3.3's growing times, measured: for each schedule `a_n` of the study (`studySpec.ts`) the
 * errors `E‖f_n(a_n) − f‖²` (against the target) and `E‖f_n(a_n) − f₀(a_n)‖²` (the fluctuation) per
 * rung, their log-log slopes in `n` with bootstrap intervals, per mode, the mean-field flow's own
 * distance `‖f₀(a_n) − f‖²`, and the slope the linearised fluctuation `P_lin(a_n)/n` has along the
 * schedule. The verdicts on them are decided in `compare/verdicts/prop33Asymptotic.ts`.
 */
import { createTorusProblem, parsevalDistanceSquared, type InitialLaw, type TorusProblem } from '../../model/index.ts';
import { linearRegimeCltPrefactor } from '../../solver/index.ts';
import type { MemberResult } from './member.ts';
import type { AsymptoticAnalysis, ScheduleResult } from './measurements.ts';
import type { StudyReference } from './reference.ts';
import { bootstrapLogLogSlope, type BootstrapStreams } from '../statistics/bootstrap.ts';
import { fitLogLog } from '../statistics/logLogFit.ts';
import { average } from '../statistics/sampleStatistics.ts';
import { scheduleText, scheduleTime, type StudySpec } from './studySpec.ts';

export interface ScheduleInput {
  readonly spec: StudySpec;
  readonly M: number;
  readonly reference: StudyReference;
  /** Members per rung, in seed order. */
  readonly byN: readonly (readonly MemberResult[])[];
  /** `[time][rung]` per-seed `‖f_n − f₀‖²` and `[time][rung][mode]` its weighted per-mode terms. */
  readonly errors: readonly (readonly Float64Array[])[];
  readonly modeErrors: readonly (readonly (readonly Float64Array[])[])[];
  readonly floor: readonly number[];
}

export function measureSchedules(input: ScheduleInput, streams: BootstrapStreams): AsymptoticAnalysis {
  const { spec, reference, errors, modeErrors, byN, floor, M } = input;
  const setting = spec.schedules!;
  const problem = createTorusProblem(spec.problem);
  const target = problem.fhat;
  const slope = (values: readonly Float64Array[], ...key: (string | number)[]) => bootstrapLogLogSlope(spec.ns, values, streams.for('schedule', ...key));
  const schedules = setting.schedules.map((schedule): ScheduleResult => {
    const times = spec.ns.map((n) => scheduleTime(schedule, n));
    const ks = times.map((a) => spec.times.indexOf(a));
    const vsTargetValues = spec.ns.map((_, ni) => Float64Array.from(byN[ni]!, (mem) => parsevalDistanceSquared(mem.fhat[ks[ni]!]!, target)));
    const vsF0Values = spec.ns.map((_, ni) => errors[ks[ni]!]![ni]!);
    const bias = ks.map((k) => parsevalDistanceSquared(reference.fhat[k]!, target));
    const resolved = (values: readonly Float64Array[]): boolean => values.every((v, ni) => average(v) > floor[ks[ni]!]!);
    const name = JSON.stringify(schedule); // the schedule's exact parameters name its intervals
    const vsTarget = resolved(vsTargetValues) ? slope(vsTargetValues, name, 'vs f') : null;
    const vsF0 = resolved(vsF0Values) ? slope(vsF0Values, name, 'vs f0') : null;
    const biasResolved = bias.every((b, ni) => b > floor[ks[ni]!]!);
    const meanFieldBiasSlope = biasResolved ? fitLogLog(spec.ns, bias).slope : null;
    const perModeVsF0 = Array.from({ length: Math.min(M, 4) + 1 }, (_, mode) => {
      const values = spec.ns.map((_, ni) => modeErrors[ks[ni]!]![ni]![mode]!);
      return { mode, slope: resolved(values) ? slope(values, name, 'vs f0', 'mode', mode) : null };
    });
    return {
      schedule, text: scheduleText(schedule), times, ratioToLog: spec.ns.map((n, ni) => times[ni]! / Math.log(n)),
      meanVsTarget: vsTargetValues.map(average), meanVsF0: vsF0Values.map(average), meanFieldBias: bias,
      vsTarget, vsF0, meanFieldBiasSlope, linearSlope: linearSlopeAlong(problem, spec.law, spec.ns, times), perModeVsF0,
    };
  });
  return { lambda: setting.lambda, lambdaSource: setting.lambdaSource, healingScale: 1 / (2 * setting.lambda), schedules };
}

function linearSlopeAlong(problem: TorusProblem, law: InitialLaw, ns: readonly number[], times: readonly number[]): number | null {
  if (law.cMean !== 0) return null;
  const values = ns.map((n, k) => linearRegimeCltPrefactor(problem, law, times[k]!).total / n);
  return values.every((v) => v > 0) ? fitLogLog(ns, values).slope : null;
}
