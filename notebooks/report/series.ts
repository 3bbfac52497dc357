/**
 * Data shaping: pure functions from a compare result (`ReportInput`) to the series the views plot.
 * No DOM, no d3-selection: the page and `notebooks/staticFigures.ts` both call these.
 */
import type { Complex, ReportCell, ReportInput } from './input.ts';
import { shownMember } from './input.ts';

export interface XY { readonly x: number; readonly y: number }

/**
 * g(x) = Re ĝ₀ + 2 Σ_{m≥1} Re(ĝ_m e^{imx}) at each x (the project's Fourier convention).
 * @example evaluateFourier([[0, 0], [0.5, 0]], [0]) // returns [1] (g = cos x)
 */
export function evaluateFourier(fhat: readonly Complex[], xs: readonly number[]): number[] {
  return xs.map((x) => {
    let g = fhat.length > 0 ? fhat[0]![0] : 0;
    for (let m = 1; m < fhat.length; m++) {
      const [re, im] = fhat[m]!;
      g += 2 * (re * Math.cos(m * x) - im * Math.sin(m * x));
    }
    return g;
  });
}

/** `[re0, im0, re1, im1, …]` → `[[re0, im0], [re1, im1], …]`. */
export function pairsFromFlat(flat: readonly number[]): Complex[] {
  const out: Complex[] = [];
  for (let k = 0; k + 1 < flat.length; k += 2) out.push([flat[k]!, flat[k + 1]!]);
  return out;
}

/** `count` points of [0, 2π], both ends included. */
export function periodGrid(count: number): number[] {
  return Array.from({ length: count }, (_, k) => (2 * Math.PI * k) / (count - 1));
}

export interface FunctionCurves {
  readonly t: number;
  readonly target: XY[];
  readonly reference: XY[];
  /** f_n(t) of the shown member, with its n and seed index r. */
  readonly member?: { readonly n: number; readonly r: number; readonly points: XY[] };
}

/** View 3: f, f₀(t) and f_n(t) on [0, 2π] at time index `k`. */
export function functionCurves(input: ReportInput, k: number, count = 201): FunctionCurves {
  const xs = periodGrid(count);
  const zip = (ys: number[]): XY[] => xs.map((x, i) => ({ x, y: ys[i]! }));
  const m = shownMember(input);
  return {
    t: input.spec.times[k]!,
    target: zip(evaluateFourier(input.problem.target.fhat, xs)),
    reference: zip(evaluateFourier(input.reference.fhat[k]!, xs)),
    member: m ? { n: m.n, r: m.r, points: zip(evaluateFourier(pairsFromFlat(m.fhat[k]!), xs)) } : undefined,
  };
}

/**
 * Histogram of `values` on `bins` equal cells of [lo, hi], as a density (integrates to the
 * fraction of values inside). Values outside are dropped.
 * @example histogramDensity([0.1, 0.6], 0, 1, 2) // returns [{x0: 0, x1: 0.5, density: 1}, {x0: 0.5, x1: 1, density: 1}]
 */
export function histogramDensity(values: readonly number[], lo: number, hi: number, bins: number): { x0: number; x1: number; density: number }[] {
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (!(v >= lo && v < hi)) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]!++;
  }
  return counts.map((c, j) => ({ x0: lo + j * width, x1: lo + (j + 1) * width, density: values.length > 0 ? c / (values.length * width) : 0 }));
}

/** Cell centres of `count` equal cells of [lo, hi]. */
export function cellCentres(lo: number, hi: number, count: number): number[] {
  return Array.from({ length: count }, (_, j) => lo + ((j + 0.5) * (hi - lo)) / count);
}

export interface MarginalSeries {
  readonly t: number;
  readonly L: number;
  /** ρ₀'s y-marginal (density in y on [0, 2π)) and c-marginal (density in c on [−L, L]). */
  readonly y: XY[];
  readonly c: XY[];
  /** The sample's histograms, when the file has a sample. */
  readonly yHist?: { x0: number; x1: number; density: number }[];
  readonly cHist?: { x0: number; x1: number; density: number }[];
}

/** View 2: ρ₀'s marginals at time index `k` and the sample's histograms (`bins` cells). */
export function marginalSeries(input: ReportInput, k: number, bins = 24): MarginalSeries | undefined {
  const marg = input.reference.marginals;
  if (!marg) return undefined;
  const L = marg.L;
  const ym = marg.y[k]!;
  const cm = marg.c[k]!;
  const yc = cellCentres(0, 2 * Math.PI, ym.length);
  const cc = cellCentres(-L, L, cm.length);
  const s = input.sample;
  return {
    t: input.spec.times[k]!, L,
    y: yc.map((x, i) => ({ x, y: ym[i]! })),
    c: cc.map((x, i) => ({ x, y: cm[i]! })),
    yHist: s ? histogramDensity(s.y[k]!, 0, 2 * Math.PI, bins) : undefined,
    cHist: s ? histogramDensity(s.c[k]!, -L, L, 2 * bins) : undefined,
  };
}

export interface HeatmapData {
  readonly t: number;
  readonly ny: number;
  readonly nc: number;
  readonly L: number;
  /** `rho[j·ny + i]` at this time. */
  readonly rho: readonly number[];
  /** Largest ρ₀ over all times (one colour scale for the whole slider). */
  readonly rhoMax: number;
  /** The sample's particles inside the grid. */
  readonly particles: XY[];
  readonly n?: number;
}

/** View 1: ρ₀(t) on (y, c) at time index `k` and the sample's particles (x = y, y = c). */
export function heatmapData(input: ReportInput, k: number): HeatmapData | undefined {
  const d = input.reference.density;
  if (!d) return undefined;
  let rhoMax = 0;
  for (const r of d.rho) for (const v of r) if (v > rhoMax) rhoMax = v;
  const s = input.sample;
  const particles: XY[] = [];
  if (s) {
    const ys = s.y[k]!;
    const cs = s.c[k]!;
    for (let p = 0; p < ys.length; p++) if (Math.abs(cs[p]!) <= d.L) particles.push({ x: ys[p]!, y: cs[p]! });
  }
  return { t: input.spec.times[k]!, ny: d.ny, nc: d.nc, L: d.L, rho: d.rho[k]!, rhoMax, particles, n: s?.n };
}

export interface LossSeries { readonly label: string; readonly n?: number; readonly points: XY[] }

/** View 4: the reference loss and the mean member loss per n, against t. */
export function lossSeries(input: ReportInput): LossSeries[] {
  const times = input.spec.times;
  const out: LossSeries[] = [{ label: 'ρ₀ (reference)', points: times.map((t, k) => ({ x: t, y: input.reference.loss[k]! })) }];
  for (const n of input.spec.ns) {
    const cells = input.analysis.cells.filter((c) => c.n === n).sort((a, b) => a.t - b.t);
    out.push({ label: `n = ${n}`, n, points: cells.map((c) => ({ x: c.t, y: c.lossMean })) });
  }
  return out;
}

export interface ScalingSeries {
  readonly t: number;
  /** (n, E‖f_n − f₀‖²) with its standard error. */
  readonly points: { n: number; mse: number; se: number }[];
  /** The fitted log-log line log mse = intercept + slope·log n (natural logs), with the slope's interval. */
  readonly fit?: { slope: number; lower: number; upper: number; level: number; intercept: number };
}

/** Least-squares intercept of log y = a + s·log x for a given slope s. */
export function interceptForSlope(points: readonly { x: number; y: number }[], slope: number): number {
  const ok = points.filter((p) => p.x > 0 && p.y > 0);
  if (ok.length === 0) return NaN;
  let sum = 0;
  for (const p of ok) sum += Math.log(p.y) - slope * Math.log(p.x);
  return sum / ok.length;
}

/** View 5: E‖f_n − f₀‖² against n at each time, with the fitted slope (quantity 'mse'). */
export function scalingSeries(input: ReportInput): ScalingSeries[] {
  return input.spec.times.map((t) => {
    const points = input.analysis.cells.filter((c) => c.t === t).sort((a, b) => a.n - b.n).map((c) => ({ n: c.n, mse: c.mse, se: c.mseStandardError }));
    const s = input.analysis.slopes.find((q) => q.t === t && q.quantity === 'mse');
    const fit = s ? { slope: s.estimate, lower: s.lower, upper: s.upper, level: s.level, intercept: interceptForSlope(points.map((p) => ({ x: p.n, y: p.mse })), s.estimate) } : undefined;
    return { t, points, fit };
  });
}

/** The rungs pooled for a prefactor: the upper half of the ladder, where the O(1/n) corrections are smallest (as compare/torus/prediction.ts). */
export function upperHalf(ns: readonly number[]): number[] {
  return ns.slice(Math.floor(ns.length / 2));
}

/** The pooled mean of `value(cell)` over the cells at time t on the rungs `ns`; null where there is none. */
export function pooledAt(cells: readonly ReportCell[], ns: readonly number[], t: number, value: (c: ReportCell) => number): number | null {
  const rows = cells.filter((c) => c.t === t && ns.includes(c.n));
  return rows.length > 0 ? rows.reduce((a, c) => a + value(c), 0) / rows.length : null;
}

export interface HealingPoint {
  readonly t: number;
  readonly value: number;
  /** False at times where the two-term fit finds the errors at the resolution floor. */
  readonly resolvable: boolean;
}

export interface HealingLine {
  /** null for the total `n·E‖f_n − f₀‖²`, else the Fourier mode m. */
  readonly mode: number | null;
  readonly label: string;
  /** n·E|f̂_n,m − f̂₀,m|² (or n·E‖f_n − f₀‖²), pooled over `pooledNs`, at each time. */
  readonly measured: HealingPoint[];
  /** The predicted prefactor at each predicted time, when the file has a prediction. */
  readonly predicted?: PrefactorValue[];
}

export interface HealingSeries {
  readonly times: readonly number[];
  readonly pooledNs: readonly number[];
  /** The total first, then modes 0…min(M, 4). */
  readonly lines: HealingLine[];
  /** P of the fit P/n + Q/n² over the whole ladder with its bootstrap interval, where resolvable. */
  readonly fitP: { t: number; estimate: number; lower: number; upper: number }[];
}

/**
 * View 6: Prop. 3.2's f½(t) → 0 as the CLT prefactor P(t) against time, total and per Fourier mode:
 * measured (n·modeMse[m] pooled over the upper half of the ladder), predicted when the file has a
 * prediction, and the two-term fit's P with its interval on the total.
 */
export function healingSeries(input: ReportInput): HealingSeries {
  const { cells } = input.analysis;
  const times = input.spec.times;
  const pooledNs = upperHalf(input.spec.ns);
  const twoTerm = input.analysis.twoTerm ?? [];
  const resolvable = (t: number): boolean => twoTerm.find((f) => f.t === t)?.resolvable ?? true;
  const measure = (value: (c: ReportCell) => number): HealingPoint[] => times.flatMap((t) => {
    const v = pooledAt(cells, pooledNs, t, value);
    return v === null ? [] : [{ t, value: v, resolvable: resolvable(t) }];
  });
  const p = input.reference.prediction;
  const perMode = p?.perMode;
  const modes = Array.from({ length: Math.min(input.problem.M, 4) + 1 }, (_, m) => m);
  const lines: HealingLine[] = [
    { mode: null, label: 'total', measured: measure((c) => c.nMse), predicted: p ? p.times.map((t, k) => ({ t, value: p.total[k]! })) : undefined },
    ...modes.map((m): HealingLine => ({
      mode: m,
      label: `mode ${m}`,
      measured: measure((c) => c.n * (c.modeMse[m] ?? NaN)),
      predicted: p && perMode ? p.times.map((t, k) => ({ t, value: perMode[k]?.[m] ?? NaN })) : undefined,
    })),
  ];
  return {
    times, pooledNs, lines,
    fitP: twoTerm.filter((f) => f.resolvable).map((f) => ({ t: f.t, estimate: f.P.estimate, lower: f.P.lower, upper: f.P.upper })),
  };
}

export interface AsymptoticLine {
  readonly label: string;
  /** (n, E‖f_n(a_n) − f‖²) per rung, and (n, ‖f₀(a_n) − f‖²). */
  readonly error: XY[];
  readonly meanField: XY[];
  /** `a_n` per rung (for the tooltips). */
  readonly times: readonly number[];
  readonly slope: { estimate: number; lower: number; upper: number; level: number } | null;
  readonly meanFieldSlope: number | null;
}

export interface AsymptoticSeries {
  readonly ns: readonly number[];
  readonly lambda: number;
  readonly healingScale: number;
  readonly schedules: AsymptoticLine[];
}

/** View 8: Prop. 3.3, the error against the target at times a_n growing with n, per schedule; null without schedules. */
export function asymptoticSeries(input: ReportInput): AsymptoticSeries | null {
  const a = input.analysis.asymptotic;
  if (!a) return null;
  const ns = input.spec.ns;
  const along = (values: readonly number[]): XY[] => ns.map((n, i) => ({ x: n, y: values[i] ?? NaN }));
  return {
    ns, lambda: a.lambda, healingScale: a.healingScale,
    schedules: a.schedules.map((s) => ({
      label: s.text, error: along(s.meanVsTarget), meanField: along(s.meanFieldBias), times: s.times,
      slope: s.vsTarget, meanFieldSlope: s.meanFieldBiasSlope,
    })),
  };
}

export interface PrefactorValue { readonly t: number; readonly value: number }

export interface PrefactorSeries {
  /** The prediction's times, in order: the x positions of the view. */
  readonly times: readonly number[];
  /** The predicted `lim n·E‖f_n − f₀‖²` per time. */
  readonly predicted: PrefactorValue[];
  /** The prediction on the finer quadrature, when the file has one. */
  readonly check?: PrefactorValue[];
  /** The small-target closed form, when the file has it (c̄ = 0). */
  readonly linearRegime?: PrefactorValue[];
  /** Per n (ascending): `n·E‖f_n − f₀‖²` with ±2 n·s.e. at each resolvable time. */
  readonly perN: { readonly n: number; readonly points: { t: number; value: number; lower: number; upper: number }[] }[];
  /** The pooled measurement with its 95% interval at each resolvable time. */
  readonly pooled: { t: number; measured: number; lower: number; upper: number; agrees: boolean }[];
  /** The rungs pooled (the upper half of the ladder); empty without a comparison. */
  readonly pooledNs: readonly number[];
}

/**
 * View 7: the predicted CLT prefactor against t beside the measured one, per n and pooled; null
 * when the file has no prediction. Times the study cannot resolve are left out of the measurement
 * (their n·E‖·‖² is the reference's own error, not the fluctuation); without a comparison in the
 * file every time counts as resolvable.
 */
export function prefactorSeries(input: ReportInput): PrefactorSeries | null {
  const p = input.reference.prediction;
  if (!p) return null;
  const at = (values: readonly number[]): PrefactorValue[] => p.times.map((t, k) => ({ t, value: values[k]! }));
  const comparison = input.analysis.prefactor ?? null;
  const resolvable = (t: number): boolean => comparison === null || comparison.some((c) => c.t === t && c.resolvable);
  const shown = p.times.filter(resolvable);
  const perN = input.spec.ns.map((n) => ({
    n,
    points: input.analysis.cells.filter((c) => c.n === n && shown.includes(c.t)).sort((a, b) => a.t - b.t)
      .map((c) => {
        // the controlled mean where the file has one (its bars are what the verdicts use)
        const mean = n * (c.controlled?.mse ?? c.mse);
        const se = n * (c.controlled?.standardError ?? c.mseStandardError);
        return { t: c.t, value: mean, lower: mean - 2 * se, upper: mean + 2 * se };
      }),
  }));
  return {
    times: p.times,
    predicted: at(p.total),
    check: p.checkTotal ? at(p.checkTotal) : undefined,
    linearRegime: p.linearRegime ? at(p.linearRegime) : undefined,
    perN,
    pooled: (comparison ?? []).filter((c) => c.resolvable).map((c) => ({ t: c.t, measured: c.measured, lower: c.lower, upper: c.upper, agrees: c.agrees })),
    pooledNs: comparison?.[0]?.pooledNs ?? [],
  };
}

export interface ControlSeries {
  readonly n: number;
  /** Per time: the members' `(y, x) = (n‖δ_lin‖², n‖f_n − f₀‖²)` at the largest rung, and the variance reduction there. */
  readonly times: readonly { readonly t: number; readonly reduction: number; readonly points: readonly XY[] }[];
}

/**
 * View 9: the control variate at work — each member's `n‖f_n − f₀‖²` against its linear response
 * `n‖δ_lin‖²` at the largest rung, per time (on the diagonal where the linearised flow holds); null
 * when the file has no controls.
 */
export function controlSeries(input: ReportInput): ControlSeries | null {
  const cv = input.analysis.controlVariate;
  if (!cv || cv.length === 0) return null;
  return {
    n: cv[0]!.top.n,
    times: cv.map((c) => ({
      t: c.t,
      reduction: c.reduction[c.reduction.length - 1]!,
      points: c.top.x.map((x, r) => ({ x: c.top.y[r]!, y: x })).filter((p) => p.x > 0 && p.y > 0),
    })),
  };
}
