/**
 * The predicted CLT prefactor (`solver/cltPrediction.ts`) as the comparison uses it: computed on
 * one quadrature, its own error estimated by a finer one, set beside the linear-regime closed
 * form, and compared with the measured `n·E‖f_n − f₀‖²` of an ensemble.
 */
import { type InitialLaw, type TorusProblem } from '../../model/index.ts';
import { linearRegimeCltPrefactor, predictCltPrefactor } from '../../solver/index.ts';

/** The adjoint's RK8 step: the prediction of the main problem is the same to 6 digits at 0.1, 0.2 and 0.5. */
export const PREDICTION_DEFAULT_DT = 0.1;

export interface PredictionSettings {
  readonly ny: number;
  readonly nc: number;
  readonly dt: number;
  /** A finer quadrature whose prediction bounds the error of this one; null: skip. */
  readonly check: { readonly ny: number; readonly nc: number } | null;
}

export interface CltPredictionRecord {
  readonly settings: PredictionSettings;
  readonly times: readonly number[];
  /** Predicted `lim n·E‖f_n(t) − f₀(t)‖²` per time. */
  readonly total: readonly number[];
  /** Its terms per mode `m = 0..M` (Parseval weights included). */
  readonly perMode: readonly (readonly number[])[];
  /** The same on the finer quadrature, or null. */
  readonly checkTotal: readonly number[] | null;
  /** `Σ_m σ_c²|ψ̂_m|² e^{−2λ_m t}` (the small-target limit), or null when `c̄ ≠ 0`. */
  readonly linearRegime: readonly number[] | null;
  readonly seconds: number;
}

export function computeCltPrediction(problem: TorusProblem, law: InitialLaw, times: readonly number[], settings: PredictionSettings,
  onProgress?: (done: number, total: number, what: string) => void): CltPredictionRecord {
  const started = performance.now();
  const run = (ny: number, nc: number): ReturnType<typeof predictCltPrefactor> => {
    const what = `prediction ${ny}×${nc}`;
    return predictCltPrefactor(problem, law, { ny, nc, times, dt: settings.dt }, { onProgress: (d, t) => onProgress?.(d, t, what) });
  };
  const main = run(settings.ny, settings.nc);
  const check = settings.check ? run(settings.check.ny, settings.check.nc) : null;
  return {
    settings,
    times,
    total: main.map((p) => p.total),
    perMode: main.map((p) => Array.from(p.perMode)),
    checkTotal: check ? check.map((p) => p.total) : null,
    linearRegime: law.cMean === 0 ? times.map((t) => linearRegimeCltPrefactor(problem, law, t).total) : null,
    seconds: (performance.now() - started) / 1000,
  };
}

export interface PrefactorComparison {
  readonly t: number;
  readonly predicted: number;
  /** Mean of `n·E‖f_n − f₀‖²` over the pooled rungs, its standard error and 95% interval. */
  readonly measured: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
  /** The rungs pooled: the upper half of the ladder, where the O(1/n) corrections are smallest. */
  readonly pooledNs: readonly number[];
  /** False where `predicted / n` is below the resolution floor (the reference's own error, double rounding): nothing to compare. */
  readonly resolvable: boolean;
  readonly agrees: boolean;
}

/**
 * Per time: the pooled `n·E‖f_n − f₀‖²` over the upper half of the `n`-ladder (members of
 * different `n` are independent, so the standard errors add in quadrature) against the prediction.
 * `floor[k]` is the smallest squared error the study resolves at time `k`.
 */
export function comparePrefactor(ns: readonly number[], cells: readonly { n: number; t: number; nMse: number; mseStandardError: number }[],
  prediction: CltPredictionRecord, floor: readonly number[]): PrefactorComparison[] {
  const pooledNs = ns.slice(Math.floor(ns.length / 2));
  const nTop = ns[ns.length - 1]!;
  return prediction.times.map((t, k) => {
    const rows = cells.filter((c) => c.t === t && pooledNs.includes(c.n));
    const measured = rows.reduce((a, c) => a + c.nMse, 0) / rows.length;
    const standardError = Math.sqrt(rows.reduce((a, c) => a + (c.n * c.mseStandardError) ** 2, 0)) / rows.length;
    const predicted = prediction.total[k]!;
    const lower = measured - 1.96 * standardError;
    const upper = measured + 1.96 * standardError;
    const resolvable = predicted / nTop > floor[k]!;
    return { t, predicted, measured, standardError, lower, upper, pooledNs, resolvable, agrees: predicted >= lower && predicted <= upper };
  });
}
