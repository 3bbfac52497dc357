/**
 * A study's result as three tidy CSV tables (RFC 4180): one row per member and time, per cell
 * `(n, t)`, per verdict (columns: docs/results.md). They read the stored record, so a file written
 * by any version of the current format, or a record built in memory, gives the same tables.
 */
export type Value = string | number | boolean | null | undefined;

/** One CSV field (RFC 4180); null, undefined and non-finite numbers are empty (NaN is "not measured"). */
export function csvField(v: Value): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvTable(header: readonly string[], rows: readonly (readonly Value[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

export interface StoredMember {
  n: number; r: number; fhat: number[][]; loss: number[]; w1y: number[]; w1c: number[]; binnedL1: number[];
  sgdNoise?: number[]; sgdNoiseUnquenched?: number[];
}
export interface StoredCell {
  n: number; t: number; mse: number; mseStandardError: number; bias2: number; variance: number; nMse: number; nVariance: number;
  modeMse: number[]; lossMean: number; w1y: number | null; w1c: number | null; binnedL1: number | null;
  /** With the members' linear responses as control variate (absent in files written before it). */
  controlled?: { mse: number; standardError: number; beta: number; reduction: number } | null;
}
export interface StoredVerdict {
  role: string; proposition: string; claim: string; t: number | null; quantity: string; hypothesis: string; theory: string; justification: string;
  measurement: { estimate: number | null; lower: number | null; upper: number | null; level: number };
  rule: { kind: string; theta?: number; delta?: number; bound?: number };
  outcome: string; pAgree: number; pDisagree: number; adjustedP: number | null; familySize: number; detectable: number | null;
  inRegime: boolean; regimeNote: string | null;
}

export interface StoredInterval { estimate: number; lower: number; upper: number }
export interface StoredTwoTerm { t: number; P: StoredInterval; Q: StoredInterval; crossover: StoredInterval; resolvable: boolean }

/** What the tables read of a study's result record (as written, or as `studyResultRecord` builds it). */
export interface TabulatedStudy {
  readonly spec: {
    readonly times: readonly number[];
    readonly problem?: { readonly unit: string; readonly target: string };
    readonly law?: { readonly cMean: number; readonly sigmaC: number };
  };
  readonly reference?: { readonly prediction?: { readonly times: readonly number[]; readonly total: readonly number[]; readonly perMode: readonly (readonly number[])[] } | null };
  readonly members: readonly StoredMember[];
  readonly analysis: { readonly cells: readonly StoredCell[]; readonly verdicts: readonly StoredVerdict[]; readonly twoTerm?: readonly StoredTwoTerm[] };
}

/**
 * The four tables of a compare result: members × times, cells `(n, t)`, verdicts, and one row per
 * recorded time (the predicted prefactor in total and per mode, the two-term fit `P/n + Q/n²` and
 * `n× = |Q|/P` with their intervals). Every table ends with the problem's columns (unit, target,
 * c̄, σ_c), so the tables of several studies can be stacked.
 */
export function exportTables(result: TabulatedStudy): Record<'members' | 'cells' | 'verdicts' | 'times', string> {
  if (!Array.isArray(result.members) || result.members.some((m) => !Array.isArray(m.fhat?.[0])) || !Array.isArray(result.analysis?.cells)) {
    throw new TypeError('exportTables: not a stored study (members with f̂ as [re, im, …] rows per time, analysis.cells): pass what readStudyResult(file) returns, not a runStudy outcome');
  }
  const times = result.spec.times;
  const M = (result.members[0]?.fhat[0]?.length ?? 2) / 2 - 1;
  const problemCols = ['unit', 'target', 'c_mean', 'sigma_c'];
  const problem: Value[] = [result.spec.problem?.unit, result.spec.problem?.target, result.spec.law?.cMean, result.spec.law?.sigmaC];
  const prediction = result.reference?.prediction ?? null;
  const predictedAt = (t: number): { total: Value; perMode: readonly Value[] } => {
    const k = prediction ? prediction.times.indexOf(t) : -1;
    return k < 0 ? { total: undefined, perMode: Array.from({ length: M + 1 }, () => undefined) } : { total: prediction!.total[k], perMode: prediction!.perMode[k]! };
  };
  const modeCols = Array.from({ length: M + 1 }, (_, m) => [`re_${m}`, `im_${m}`]).flat();
  const sgd = result.members.some((m) => m.sgdNoise !== undefined);
  const members = csvTable(
    ['n', 'r', 't', 'loss', 'w1_y', 'w1_c', 'binned_l1', ...(sgd ? ['sgd_noise', 'sgd_noise_unquenched'] : []), ...modeCols, ...problemCols],
    result.members.flatMap((m) => times.map((t, k) => [
      m.n, m.r, t, m.loss[k], m.w1y[k], m.w1c[k], m.binnedL1[k],
      ...(sgd ? [m.sgdNoise?.[k], m.sgdNoiseUnquenched?.[k]] : []), ...(m.fhat[k] ?? []), ...problem,
    ])),
  );
  const cells = csvTable(
    ['n', 't', 'mse', 'mse_se', 'bias2', 'variance', 'n_mse', 'n_variance', 'loss_mean', 'w1_y', 'w1_c', 'binned_l1', ...Array.from({ length: M + 1 }, (_, m) => `mode_mse_${m}`),
      'predicted_prefactor', 'controlled_mse', 'controlled_mse_se', 'control_beta', 'control_reduction', ...problemCols],
    result.analysis.cells.map((c) => [c.n, c.t, c.mse, c.mseStandardError, c.bias2, c.variance, c.nMse, c.nVariance, c.lossMean, c.w1y, c.w1c, c.binnedL1, ...c.modeMse,
      predictedAt(c.t).total, c.controlled?.mse, c.controlled?.standardError, c.controlled?.beta, c.controlled?.reduction, ...problem]),
  );
  const verdicts = csvTable(
    ['role', 'proposition', 'claim', 't', 'estimate', 'lower', 'upper', 'level', 'rule', 'theta', 'delta', 'bound', 'outcome',
      'p_agree', 'p_disagree', 'adjusted_p', 'family_size', 'detectable', 'in_regime', 'regime_note', 'quantity', 'hypothesis', 'theory', 'justification', ...problemCols],
    result.analysis.verdicts.map((v) => [
      v.role, v.proposition, v.claim, v.t, v.measurement.estimate, v.measurement.lower, v.measurement.upper, v.measurement.level,
      v.rule.kind, v.rule.theta, v.rule.delta, v.rule.bound, v.outcome, v.pAgree, v.pDisagree, v.adjustedP, v.familySize, v.detectable,
      v.inRegime, v.regimeNote, v.quantity, v.hypothesis, v.theory, v.justification, ...problem,
    ]),
  );
  const fits = new Map((result.analysis.twoTerm ?? []).map((f) => [f.t, f]));
  const interval = (i: StoredInterval | undefined): Value[] => [i?.estimate, i?.lower, i?.upper];
  const perTime = csvTable(
    ['t', 'predicted_prefactor', ...Array.from({ length: M + 1 }, (_, m) => `predicted_mode_${m}`), 'P', 'P_lower', 'P_upper', 'Q', 'Q_lower', 'Q_upper',
      'n_cross', 'n_cross_lower', 'n_cross_upper', 'fit_resolvable', ...problemCols],
    times.map((t) => {
      const p = predictedAt(t);
      const f = fits.get(t);
      return [t, p.total, ...p.perMode, ...interval(f?.P), ...interval(f?.Q), ...interval(f?.crossover), f?.resolvable, ...problem];
    }),
  );
  return { members, cells, verdicts, times: perTime };
}
