/**
 * The part of a `liouville compare` result file (format `RESULT_FORMAT`, command `compare`) that the
 * report reads, and `pickReportInput`, which copies exactly that part so the page embeds only it.
 */
import { RESULT_FORMAT } from '../../io/resultFormat.ts';

/** `[re, im]` of one Fourier coefficient. */
export type Complex = readonly [number, number];

export interface ReportCell {
  readonly n: number;
  readonly t: number;
  readonly mse: number;
  readonly mseStandardError: number;
  readonly nMse: number;
  readonly modeMse: readonly number[];
  readonly lossMean: number;
  /** The mean with the members' linear responses as control variate, its standard error and the variance reduction; absent without one. */
  readonly controlled?: { readonly mse: number; readonly standardError: number; readonly reduction: number };
}

export interface ReportSlope {
  readonly t: number;
  /** 'mse', 'mse mode k', 'w1 y-marginal', 'w1 c-marginal', 'binned L1 of the joint law'. */
  readonly quantity: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

/** An estimate and its interval; null where nothing was measured (NaN in the study, null once in JSON). */
export interface ReportMeasurement {
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly level: number;
}

/** The decision rule of a verdict (compare/verdicts/verdict.ts `DecisionRule`). */
export type ReportRule =
  | { readonly kind: 'band'; readonly theta: number; readonly delta: number }
  | { readonly kind: 'atMost'; readonly bound: number }
  | { readonly kind: 'atLeast'; readonly bound: number };

export type ReportOutcome = 'agrees' | 'disagrees' | 'not resolved';

/** The fields of a `Verdict` (compare/verdicts/verdict.ts) that the verdict tables show. */
export interface ReportVerdict {
  readonly claim: string;
  readonly proposition: string;
  readonly statement: string;
  readonly hypothesis: string;
  readonly t: number | null;
  readonly role: 'primary' | 'descriptive';
  readonly measurement: ReportMeasurement;
  readonly rule: ReportRule;
  readonly theory: string;
  readonly regimeNote: string | null;
  readonly alpha: number;
  readonly adjustedP: number | null;
  readonly familySize: number;
  readonly outcome: ReportOutcome;
  readonly detectable: number | null;
}

/** Per time, the two-term fit `E‖f_n − f₀‖² = P/n + Q/n²` over the ladder; only P and the floor flag are drawn. */
export interface ReportTwoTerm {
  readonly t: number;
  readonly P: { readonly estimate: number; readonly lower: number; readonly upper: number };
  /** False where the errors are at the resolution floor: the fit means nothing there. */
  readonly resolvable: boolean;
}

/** A slope in n with its bootstrap interval. */
export interface ReportSlopeInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

/** One growing-time schedule of a Prop. 3.3 study, the fields drawn. */
export interface ReportSchedule {
  /** The schedule in words, e.g. "a_n = 0.502·(log n)^1.5". */
  readonly text: string;
  /** `a_n` per rung of spec.ns. */
  readonly times: readonly number[];
  /** Per rung: `E‖f_n(a_n) − f‖²` and the mean-field distance `‖f₀(a_n) − f‖²`. */
  readonly meanVsTarget: readonly number[];
  readonly meanFieldBias: readonly number[];
  /** Slope of `E‖f_n(a_n) − f‖²` in n; null where a rung is at the resolution floor. */
  readonly vsTarget: ReportSlopeInterval | null;
  readonly meanFieldBiasSlope: number | null;
}

/** `analysis.controlVariate[]` (compare/torus/measurements.ts), the fields drawn. */
export interface ReportControlVariate {
  readonly t: number;
  readonly reduction: readonly number[];
  readonly top: { readonly n: number; readonly x: readonly number[]; readonly y: readonly number[] };
}

/** `analysis.asymptotic` (compare/verdicts/prop33Asymptotic.ts), the fields drawn. */
export interface ReportAsymptotic {
  readonly lambda: number;
  /** `1/(2λ)`: the κ above which `a_n = κ log n` heals the fluctuation. */
  readonly healingScale: number;
  readonly schedules: readonly ReportSchedule[];
}

/** The predicted CLT prefactor `lim n·E‖f_n(t) − f₀(t)‖²` (linearised mean-field flow), the fields drawn. */
export interface ReportPrediction {
  readonly times: readonly number[];
  readonly total: readonly number[];
  /** The same on a finer quadrature (its difference estimates the quadrature error), or null. */
  readonly checkTotal: readonly number[] | null;
  /** The small-target closed form `Σ σ²|ψ̂_m|² e^{−2λ_m t}`, or null when `c̄ ≠ 0`. */
  readonly linearRegime: readonly number[] | null;
  /** `perMode[k][m]`: the prediction's term of mode m at times[k] (Parseval weight included). Absent in older files. */
  readonly perMode?: readonly (readonly number[])[];
}

/** Per time: the measured `n·E‖f_n − f₀‖²` pooled over the upper half of the ladder, against the prediction. */
export interface ReportPrefactor {
  readonly t: number;
  readonly predicted: number;
  readonly measured: number;
  readonly standardError: number;
  /** The measurement's 95% interval. */
  readonly lower: number;
  readonly upper: number;
  readonly pooledNs: readonly number[];
  /** False where the quantity is below what the study resolves: nothing to compare (not drawn). */
  readonly resolvable: boolean;
  readonly agrees: boolean;
}

export interface ReportMember {
  readonly n: number;
  readonly r: number;
  /** Per time, flat `[re0, im0, re1, im1, …]`. */
  readonly fhat: readonly (readonly number[])[];
  readonly loss: readonly number[];
}

export interface ReportInput {
  readonly format: string;
  readonly command: string;
  readonly createdAt?: string;
  readonly package?: { readonly version?: string; readonly commit?: string | null };
  readonly spec: {
    readonly ns: readonly number[];
    readonly seeds: number;
    readonly times: readonly number[];
    readonly problem: { readonly unit: string; readonly target: string };
    readonly law: { readonly cMean: number; readonly sigmaC: number };
  };
  readonly problem: { readonly M: number; readonly target: { readonly fhat: readonly Complex[] } };
  readonly reference: {
    readonly times: readonly number[];
    readonly fhat: readonly (readonly Complex[])[];
    readonly loss: readonly number[];
    /** `rho[k][j·ny + i]`: y-cell i of [0, 2π), c-cell j of [−L, L], at time k. Absent in older files. */
    readonly density?: { readonly ny: number; readonly nc: number; readonly L: number; readonly rho: readonly (readonly number[])[] };
    readonly marginals?: { readonly L: number; readonly y: readonly (readonly number[])[]; readonly c: readonly (readonly number[])[] };
    /** Absent in older files and with --predict none. */
    readonly prediction?: ReportPrediction;
  };
  /** One member's particles at every time. Absent in older files. */
  readonly sample?: { readonly n: number; readonly r: number; readonly y: readonly (readonly number[])[]; readonly c: readonly (readonly number[])[] };
  readonly analysis: {
    readonly cells: readonly ReportCell[];
    readonly slopes: readonly ReportSlope[];
    readonly verdicts: readonly ReportVerdict[];
    /** Null or absent without a prediction. */
    readonly prefactor?: readonly ReportPrefactor[] | null;
    /** Per time, the control variate at the largest rung: per seed `n‖f_n − f₀‖²` and `n‖δ_lin‖²`, and the reduction per rung; absent without one. */
    readonly controlVariate?: readonly ReportControlVariate[] | null;
    /** Absent in older files. */
    readonly twoTerm?: readonly ReportTwoTerm[];
    /** Prop. 3.3 on times growing with n; null for a study without schedules, absent in older files. */
    readonly asymptotic?: ReportAsymptotic | null;
  };
  /** Only the member drawn in the f view (see `shownMember`). */
  readonly members: readonly ReportMember[];
}

/** The member whose f_n is drawn: the sample's member if there is one, else members[0] of the largest n. */
export function shownMember(input: Pick<ReportInput, 'members' | 'sample'>): ReportMember | undefined {
  const { members, sample } = input;
  if (sample) {
    const m = members.find((x) => x.n === sample.n && x.r === sample.r);
    if (m) return m;
  }
  let best: ReportMember | undefined;
  for (const m of members) if (!best || m.n > best.n) best = m;
  return best;
}

/** The drawn fields of a prediction (not its settings or timing); undefined stays undefined (older files). */
function pickPrediction(p: ReportPrediction | undefined): ReportPrediction | undefined {
  return p ? { times: p.times, total: p.total, checkTotal: p.checkTotal, linearRegime: p.linearRegime, perMode: p.perMode } : undefined;
}

/** The shown fields of a verdict (not its p-values before correction, quantity or justification). */
function pickVerdict(v: ReportVerdict): ReportVerdict {
  const m = v.measurement;
  return {
    claim: v.claim, proposition: v.proposition, statement: v.statement, hypothesis: v.hypothesis, t: v.t, role: v.role,
    measurement: { estimate: m.estimate, lower: m.lower, upper: m.upper, level: m.level },
    rule: v.rule, theory: v.theory, regimeNote: v.regimeNote, alpha: v.alpha, adjustedP: v.adjustedP, familySize: v.familySize,
    outcome: v.outcome, detectable: v.detectable,
  };
}

/** The drawn fields of a Prop. 3.3 analysis (not the per-mode slopes or the λ derivation); null/absent becomes undefined. */
function pickAsymptotic(a: ReportAsymptotic | null | undefined): ReportAsymptotic | undefined {
  if (!a) return undefined;
  const interval = (s: ReportSlopeInterval | null): ReportSlopeInterval | null => (s ? { estimate: s.estimate, lower: s.lower, upper: s.upper, level: s.level } : null);
  return {
    lambda: a.lambda, healingScale: a.healingScale,
    schedules: a.schedules.map((s) => ({
      text: s.text, times: s.times, meanVsTarget: s.meanVsTarget, meanFieldBias: s.meanFieldBias,
      vsTarget: interval(s.vsTarget), meanFieldBiasSlope: s.meanFieldBiasSlope,
    })),
  };
}

/**
 * The sample's particles are drawn only over ρ₀'s density or marginals; without either (`--density
 * none`, schedule studies) only which member it is counts, and its n·times particles (megabytes at
 * n = 2048) stay out of the page.
 */
function pickSample({ sample, reference }: Pick<ReportInput, 'sample' | 'reference'>): ReportInput['sample'] {
  if (!sample) return undefined;
  return reference.density || reference.marginals ? sample : { n: sample.n, r: sample.r, y: [], c: [] };
}

/** Copies the fields the report uses; `members` is cut to the one member `shownMember` picks. */
export function pickReportInput(result: ReportInput): ReportInput {
  const member = shownMember(result);
  const { spec, problem, reference, analysis } = result;
  return {
    format: result.format,
    command: result.command,
    createdAt: result.createdAt,
    package: result.package ? { version: result.package.version, commit: result.package.commit } : undefined,
    spec: { ns: spec.ns, seeds: spec.seeds, times: spec.times, problem: { unit: spec.problem.unit, target: spec.problem.target }, law: spec.law },
    problem: { M: problem.M, target: { fhat: problem.target.fhat } },
    reference: {
      times: reference.times, fhat: reference.fhat, loss: reference.loss,
      density: reference.density, marginals: reference.marginals ? { L: reference.marginals.L, y: reference.marginals.y, c: reference.marginals.c } : undefined,
      prediction: pickPrediction(reference.prediction),
    },
    sample: pickSample(result),
    analysis: {
      cells: analysis.cells.map((c) => ({
        n: c.n, t: c.t, mse: c.mse, mseStandardError: c.mseStandardError, nMse: c.nMse, modeMse: c.modeMse, lossMean: c.lossMean,
        ...(c.controlled ? { controlled: { mse: c.controlled.mse, standardError: c.controlled.standardError, reduction: c.controlled.reduction } } : {}),
      })),
      slopes: analysis.slopes.map((s) => ({ t: s.t, quantity: s.quantity, estimate: s.estimate, lower: s.lower, upper: s.upper, level: s.level })),
      verdicts: analysis.verdicts.map(pickVerdict),
      prefactor: analysis.prefactor?.map((p) => ({
        t: p.t, predicted: p.predicted, measured: p.measured, standardError: p.standardError, lower: p.lower, upper: p.upper,
        pooledNs: p.pooledNs, resolvable: p.resolvable, agrees: p.agrees,
      })),
      twoTerm: analysis.twoTerm?.map((f) => ({ t: f.t, P: { estimate: f.P.estimate, lower: f.P.lower, upper: f.P.upper }, resolvable: f.resolvable })),
      asymptotic: pickAsymptotic(analysis.asymptotic),
      controlVariate: analysis.controlVariate?.filter((c) => c.top !== undefined).map((c) => ({ t: c.t, reduction: c.reduction, top: c.top })) ?? null,
    },
    members: member ? [{ n: member.n, r: member.r, fhat: member.fhat, loss: member.loss }] : [],
  };
}

/**
 * Checks that `value` is a compare result file the report can read; returns a message naming
 * the first thing wrong, or null.
 */
export function reportInputProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'is not a JSON object';
  const v = value as Record<string, unknown>;
  if (v.format === undefined && 'analysis' in v && 'members' in v) {
    return 'is a runStudy outcome, not a result file: write it with writeStudyResult(file, outcome) and read it back with readStudyResult(file)';
  }
  if (v.format !== RESULT_FORMAT) return `has format ${JSON.stringify(v.format)}, expected "${RESULT_FORMAT}" (an earlier file is rewritten by liouville reanalyse)`;
  if (v.command !== 'compare') return `was written by "liouville ${String(v.command)}", expected a "liouville compare" result`;
  const spec = v.spec as Record<string, unknown> | undefined;
  if (!spec || !Array.isArray(spec.times) || !Array.isArray(spec.ns)) return 'has no spec.times / spec.ns';
  const reference = v.reference as Record<string, unknown> | undefined;
  if (!reference || !Array.isArray(reference.fhat) || !Array.isArray(reference.loss)) return 'has no reference.fhat / reference.loss';
  const analysis = v.analysis as Record<string, unknown> | undefined;
  if (!analysis || !Array.isArray(analysis.cells) || !Array.isArray(analysis.slopes) || !Array.isArray(analysis.verdicts)) return 'has no analysis (cells, slopes, verdicts)';
  // files written before the verdict model (measured/agrees, no outcome) would draw an empty table
  if (analysis.verdicts.some((x: unknown) => !isVerdict(x))) {
    return 'has verdicts in an older format (no role, rule, measurement or outcome): run liouville reanalyse on it (no rerun needed), or rerun liouville compare';
  }
  if (!Array.isArray(v.members)) return 'has no members';
  const problem = v.problem as { target?: { fhat?: unknown } } | undefined;
  if (!problem?.target || !Array.isArray(problem.target.fhat)) return 'has no problem.target.fhat';
  return null;
}

/** True for a record with the fields the verdict tables read. */
function isVerdict(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.claim === 'string' && (v.role === 'primary' || v.role === 'descriptive')
    && typeof v.outcome === 'string' && typeof v.rule === 'object' && v.rule !== null
    && typeof v.measurement === 'object' && v.measurement !== null;
}
