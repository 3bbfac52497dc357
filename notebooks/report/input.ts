/**
 * The part of a `liouville compare` result file (`liouville-result/1`, command `compare`) that the
 * report reads, and `pickReportInput`, which copies exactly that part so the page embeds only it.
 */

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

export interface ReportVerdict {
  readonly claim: string;
  readonly t?: number | null;
  readonly measured: string;
  readonly theory: string;
  readonly agrees: boolean;
}

/** The predicted CLT prefactor `lim n·E‖f_n(t) − f₀(t)‖²` (linearised mean-field flow), the fields drawn. */
export interface ReportPrediction {
  readonly times: readonly number[];
  readonly total: readonly number[];
  /** The same on a finer quadrature (its difference estimates the quadrature error), or null. */
  readonly checkTotal: readonly number[] | null;
  /** The small-target closed form `Σ σ²|ψ̂_m|² e^{−2λ_m t}`, or null when `c̄ ≠ 0`. */
  readonly linearRegime: readonly number[] | null;
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

/** The drawn fields of a prediction (not its per-mode terms or settings); undefined stays undefined (older files). */
function pickPrediction(p: ReportPrediction | undefined): ReportPrediction | undefined {
  return p ? { times: p.times, total: p.total, checkTotal: p.checkTotal, linearRegime: p.linearRegime } : undefined;
}

/** Copies the fields the report uses; `members` is cut to the one member `shownMember` picks. */
export function pickReportInput(result: ReportInput): ReportInput {
  const member = shownMember(result);
  const { spec, problem, reference, sample, analysis } = result;
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
    sample,
    analysis: {
      cells: analysis.cells.map((c) => ({ n: c.n, t: c.t, mse: c.mse, mseStandardError: c.mseStandardError, nMse: c.nMse, modeMse: c.modeMse, lossMean: c.lossMean })),
      slopes: analysis.slopes.map((s) => ({ t: s.t, quantity: s.quantity, estimate: s.estimate, lower: s.lower, upper: s.upper, level: s.level })),
      verdicts: analysis.verdicts.map((v) => ({ claim: v.claim, t: v.t, measured: v.measured, theory: v.theory, agrees: v.agrees })),
      prefactor: analysis.prefactor?.map((p) => ({
        t: p.t, predicted: p.predicted, measured: p.measured, standardError: p.standardError, lower: p.lower, upper: p.upper,
        pooledNs: p.pooledNs, resolvable: p.resolvable, agrees: p.agrees,
      })),
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
  if (v.format !== 'liouville-result/1') return `has format ${JSON.stringify(v.format)}, expected "liouville-result/1"`;
  if (v.command !== 'compare') return `was written by "liouville ${String(v.command)}", expected a "liouville compare" result`;
  const spec = v.spec as Record<string, unknown> | undefined;
  if (!spec || !Array.isArray(spec.times) || !Array.isArray(spec.ns)) return 'has no spec.times / spec.ns';
  const reference = v.reference as Record<string, unknown> | undefined;
  if (!reference || !Array.isArray(reference.fhat) || !Array.isArray(reference.loss)) return 'has no reference.fhat / reference.loss';
  const analysis = v.analysis as Record<string, unknown> | undefined;
  if (!analysis || !Array.isArray(analysis.cells) || !Array.isArray(analysis.slopes) || !Array.isArray(analysis.verdicts)) return 'has no analysis (cells, slopes, verdicts)';
  if (!Array.isArray(v.members)) return 'has no members';
  const problem = v.problem as { target?: { fhat?: unknown } } | undefined;
  if (!problem?.target || !Array.isArray(problem.target.fhat)) return 'has no problem.target.fhat';
  return null;
}
