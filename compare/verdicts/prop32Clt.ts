/**
 * Prop. 3.2 (CLT for GD): for every fixed `t`, `√n (f_n(t) − f₀(t)) → f½(t)` in distribution, a
 * centred Gaussian process whose covariance is the paper's supplementary eq. (S46), with
 * `f½(t) → 0` as `t → ∞`. Its consequences tested here, each at the `(n, t)` where it is a
 * prediction:
 *
 * 1. the slope of `E‖f_n − f₀‖²` in `n` is −1 — only on rungs well above the crossover
 *    `n× = |Q|/P` of the two-term law `P/n + Q/n²`: below it the `n^{-2}` term is the leading one, and
 *    a steeper slope there is no sign of healing;
 * 2. `√n (f_n − f₀)` is Gaussian: skewness and kurtosis within tolerances (with the linear response
 *    as control variate where the members have it), and no normality test rejecting;
 * 3. the prefactor `P(t) = lim n·E‖f_n − f₀‖²` equals the variance of the linearised flow's
 *    influence function (`solver/cltPrediction.ts`);
 * 4. `f½(t) → 0`: `P(t)/P(0)` falls, in total and per mode, as predicted.
 */
import { asymptoticRungs, CLT_TIMES, CROSSOVER_MARGIN, type GaussianityRecord, type StudyMeasurements } from '../torus/measurements.ts';
import { normalCdf } from '../statistics/normalDistribution.ts';
import { average } from '../statistics/sampleStatistics.ts';
import { normalQuantile } from '../statistics/normalQuantile.ts';
import type { StudySpec } from '../torus/studySpec.ts';
import { fmt, holmAdjust, rulePValues, type VerdictDraft } from './verdict.ts';

const PROPOSITION = 'Prop. 3.2 (CLT for GD)';
const STATEMENT = 'for every fixed t, √n (f_n(t) − f₀(t)) tends to a centred Gaussian process f½(t) (covariance S46), and f½(t) → 0 as t → ∞';

/** Tolerance on the slope: on rungs n ≥ 10 n×, the two-term law's local slope −1 − (Q/n)/(P + Q/n) lies in −1 ± 0.1. */
export const CLT_SLOPE_DELTA = 0.1;
/** Tolerance on `measured/predicted` prefactor pooled without extrapolation: the `|Q|/(nP) ≤ 0.1` left on the pooled rungs plus the prediction's quadrature error (≤ 3e-3 measured) and margin. */
export const PREFACTOR_DELTA = 0.2;
/**
 * The agreement margin of a prefactor row with controlled means and a checked prediction: its band
 * is the larger of this and what the study leaves (the expansion's next term on the rungs fitted, or
 * a pooled mean's `Q/n`; the prediction's own error), so that an "agrees" needs an interval of a
 * few percent, which the control variate gives, and a 5% error in the prediction is detected where
 * the interval is ±1.5% or narrower.
 */
export const PREFACTOR_MARGIN = 0.02;
/**
 * The Gaussianity row's regime: a projection of mode `m` counts where the largest rung is at or
 * above this many `n×_m`, the crossover of that mode's own two-term fit. The fluctuation's
 * `n^{-1}` correction is a quadratic functional of the empirical measure, of relative size
 * `√(n×/n)`, and skews `√n (f_n − f₀)` by about `3√(n×/n)`: below the tolerance 0.5 for
 * `n ≥ 36 n×`, ≈ 0.95 at `10 n×`. Per mode, because a mode whose linear part has decayed is led by
 * the correction far above the total's `n×`: on the gapped unit at t = 10, mode 1 at n = 16384
 * (130 times the total's `n×`) has skewness −2.5 while its linear response has 0.15.
 */
export const GAUSSIAN_MARGIN = CROSSOVER_MARGIN ** 2;
/** A departure from normality worth reporting: |skewness| 0.5 moves the 97.5% quantile by ≈ 0.25σ; excess kurtosis 1 the tails as much. */
export const NORMALITY_TOLERANCE = { skewness: 0.5, excessKurtosis: 1 };

export function cltVerdicts(m: StudyMeasurements): VerdictDraft[] {
  const { spec } = m;
  const out: VerdictDraft[] = [];
  const clt = spec.claims.includes('clt');
  const healing = spec.claims.includes('healing');
  const level = spec.bootstrap.level;

  // 1. the slope −1 at each time, on the asymptotic rungs (measured where the time has a CLT row)
  spec.times.forEach((t, k) => {
    const regime = m.cltSlopes[k];
    if (!regime) return;
    const fit = m.twoTerm[k];
    const primary = clt && CLT_TIMES.includes(t);
    const { slope, rungs, inRegime } = regime;
    const crossover = fit ? `n× = |Q|/P ≤ ${fmt(fit.crossover.upper)} (two-term fit)` : 'n× not fitted (< 3 rungs)';
    out.push({
      claim: 'CLT: slope of E‖f_n − f₀‖² in n is −1', proposition: PROPOSITION, statement: STATEMENT,
      quantity: `log-log slope of E‖f_n − f₀‖² over n = ${(inRegime ? rungs : spec.ns).join(',')}`,
      hypothesis: `fixed t = ${t}; rungs n ≥ ${CROSSOVER_MARGIN}·n×, ${crossover}`,
      t, role: primary ? 'primary' : 'descriptive',
      measurement: { estimate: slope.estimate, lower: slope.lower, upper: slope.upper, level },
      rule: { kind: 'band', theta: -1, delta: CLT_SLOPE_DELTA },
      justification: `on rungs n ≥ ${CROSSOVER_MARGIN}·n× the law P/n + Q/n² has local slope in −1 ± ${CLT_SLOPE_DELTA}`,
      theory: '−1 (the n^{-1/2} fluctuation)',
      inRegime,
      regimeNote: inRegime ? null : `fewer than 3 rungs above ${CROSSOVER_MARGIN}·n× = ${fmt(CROSSOVER_MARGIN * (fit?.crossover.upper ?? 0))}: the n^{-2} term still leads on this ladder`,
    });
  });

  // 2. Gaussianity of √n (f_n − f₀): the family of every p-value the verdict looks at
  // only times whose largest rung is far enough above the crossover that the n^{-1} correction's own skewness is
  // below the tolerance (GAUSSIAN_MARGIN)
  const nTop = spec.ns[spec.ns.length - 1]!;
  // per projection, by its own mode's crossover where the study measured it, else by the total's
  const gaussian = m.gaussianity.filter((g) => {
    if (g.t === 0) return true;
    const crossover = g.modeCrossover ?? m.twoTerm[spec.times.indexOf(g.t)]?.crossover.upper;
    return crossover === undefined || nTop >= GAUSSIAN_MARGIN * crossover;
  });
  if (clt && gaussian.length > 0) {
    // with every projection's linear response as control variate that row decides; the sample-moment row stays beside it, descriptive
    const controlled = gaussian.every((g) => g.residual);
    if (controlled) out.push(controlledGaussianityDraft(gaussian));
    out.push(gaussianityDraft(gaussian, level, controlled ? 'descriptive' : 'primary'));
  }

  // 3. the prefactor against its prediction. With controlled means and a checked prediction: P extrapolated on
  // the rungs n ≥ 10·n× (else the pooled mean, its Q/n counted in the band), in a band of what the study leaves;
  // without them, the pooled mean in the wide band
  const pooledStart = Math.floor(spec.ns.length / 2);
  for (const p of m.prefactor ?? []) {
    if (!p.resolvable) continue;
    const k = spec.times.indexOf(p.t);
    const fit = m.twoTerm[k];
    const nPool = spec.ns[pooledStart]!;
    const error = p.predictionError ?? null;
    const ext = p.extrapolated ?? null;
    const derived = p.controlled && error !== null && fit !== undefined;
    const ratio = (x: { estimate: number; lower: number; upper: number }, level: number) =>
      ({ estimate: x.estimate / p.predicted, lower: x.lower / p.predicted, upper: x.upper / p.predicted, level });
    const qBound = fit ? Math.max(Math.abs(fit.Q.lower), Math.abs(fit.Q.upper)) : 0;
    if (derived && ext) {
      // on rungs n ≥ 10·n× the next term of the expansion is of order (n×/n)² of P
      const remainder = (ext.crossover / ext.rungs[0]!) ** 2;
      out.push({
        claim: 'CLT prefactor n·E‖f_n − f₀‖² = prediction', proposition: PROPOSITION, statement: STATEMENT,
        quantity: `P = lim n·E‖f_n − f₀‖², extrapolated by P/n + Q/n² over n = ${ext.rungs.join(',')} (n ≥ ${CROSSOVER_MARGIN}·n×) from means with the linear response as control variate, divided by the prediction`,
        hypothesis: `fixed t = ${p.t}; rungs n ≥ ${CROSSOVER_MARGIN}·n× (n× ≤ ${fmt(ext.crossover)})`,
        t: p.t, role: 'primary', measurement: ratio(ext.P, ext.P.level),
        rule: { kind: 'band', theta: 1, delta: Math.max(PREFACTOR_MARGIN, remainder + error / p.predicted) },
        justification: `the larger of the agreement margin ${PREFACTOR_MARGIN} and what the study leaves: ${fmt(remainder)} for the expansion's next term ((n×/n)² at n = ${ext.rungs[0]}) plus the prediction's error ${fmt(error / p.predicted)} (its distance to the check quadrature)`,
        theory: `P(t) = ${p.predicted.toPrecision(4)} (variance of the linearised flow's influence, S46)`,
        inRegime: true, regimeNote: null,
      });
      continue;
    }
    const inRegime = !fit || p.t === 0 || nPool >= CROSSOVER_MARGIN * fit.crossover.upper;
    // the pooled mean of n·E‖f_n − f₀‖² is P + Q·mean(1/n): |Q| at most the larger end of its interval
    const qLeft = derived ? (qBound * average(p.pooledNs.map((n) => 1 / n))) / p.predicted : 0;
    out.push({
      claim: 'CLT prefactor n·E‖f_n − f₀‖² = prediction', proposition: PROPOSITION, statement: STATEMENT,
      quantity: `n·E‖f_n − f₀‖² pooled over n = ${p.pooledNs.join(',')}${p.controlled ? ' (means with the linear response as control variate)' : ''}, divided by the prediction`,
      hypothesis: `fixed t = ${p.t}; pooled rungs n ≥ ${CROSSOVER_MARGIN}·n×${fit ? ` (n× ≤ ${fmt(fit.crossover.upper)})` : ''}`,
      t: p.t, role: 'primary',
      measurement: ratio({ estimate: p.measured, lower: p.lower, upper: p.upper }, 0.95),
      rule: { kind: 'band', theta: 1, delta: derived ? Math.max(PREFACTOR_MARGIN, qLeft + error / p.predicted) : PREFACTOR_DELTA },
      justification: derived
        ? `the larger of the agreement margin ${PREFACTOR_MARGIN} and what the study leaves: ${fmt(qLeft)} for the Q/n on the pooled rungs (|Q| ≤ ${fmt(qBound)}, the two-term fit) plus the prediction's error ${fmt(error / p.predicted)} (its distance to the check quadrature)`
        : `the n^{-2} term left on the pooled rungs (|Q|/(nP) ≤ 1/${CROSSOVER_MARGIN}) and the prediction's quadrature error`,
      theory: `P(t) = ${p.predicted.toPrecision(4)} (variance of the linearised flow's influence, S46)`,
      inRegime,
      regimeNote: inRegime ? null : `the pooled rungs start at n = ${nPool} < ${CROSSOVER_MARGIN}·n× = ${fmt(CROSSOVER_MARGIN * fit!.crossover.upper)}`,
    });
  }

  // 4. f½(t) → 0: the prefactor falls, in total (primary) and per mode (descriptive, with the prediction)
  const d = m.prefactorDecay;
  if (healing && d) {
    // the proposition says P → 0 as t → ∞; at a finite t only the prediction says how far it has fallen
    const predictsFall = d.predictedRatio !== null && d.predictedRatio <= 0.5;
    out.push({
      claim: 'healing: f½ → 0, P(t)/P(0) < 1', proposition: PROPOSITION, statement: STATEMENT,
      quantity: `P(${d.t})/P(0): n·E‖f_n − f₀‖² pooled over n = ${d.pooledNs.join(',')}, ratio of the two times (same members)`,
      hypothesis: `t = ${d.t}, the latest time resolved; f½(t) → 0 as t → ∞`,
      t: d.t, role: predictsFall ? 'primary' : 'descriptive', measurement: d.ratio,
      rule: { kind: 'atMost', bound: 1 },
      justification: predictsFall ? 'f½ → 0; the prediction at this t is a fall by at least half'
        : 'descriptive: without a prediction at this t (or with one that is not a fall by half) the proposition says only P → 0 as t → ∞',
      theory: d.predictedRatio === null ? '< 1' : `< 1 (predicted ${fmt(d.predictedRatio)})`,
      inRegime: true, regimeNote: null,
    });
    const fitAt = m.twoTerm[spec.times.indexOf(d.t)];
    const poolAsymptotic = asymptoticRungs([d.pooledNs[0]!], fitAt).length === 1;
    for (const mode of d.perMode) {
      const predicted = mode.predictedRatio;
      // the mode's own crossover where the study fitted it: a mode whose linear part has decayed is led by its n^{-2} term
      const crossover = mode.modeCrossover === undefined ? undefined : mode.modeCrossover ?? Infinity;
      const modeAsymptotic = crossover === undefined ? poolAsymptotic : d.pooledNs[0]! >= CROSSOVER_MARGIN * crossover;
      out.push({
        claim: `healing, mode ${mode.mode}: P_${mode.mode}(t)/P_${mode.mode}(0)${predicted === null ? '' : ' ÷ its prediction'}`, proposition: PROPOSITION, statement: STATEMENT,
        quantity: `P_${mode.mode}(${d.t})/P_${mode.mode}(0): mode ${mode.mode}'s share of n·E‖f_n − f₀‖², same pooling`,
        hypothesis: `t = ${d.t}; per mode the linearised decay is e^{−2λ_m t}, slow for small λ_m`,
        t: d.t, role: 'descriptive',
        // against the predicted ratio of the mode, relative: measured/predicted in 1 ± δ, as for the total prefactor
        measurement: predicted === null ? mode.ratio
          : { estimate: mode.ratio.estimate / predicted, lower: mode.ratio.lower / predicted, upper: mode.ratio.upper / predicted, level: mode.ratio.level },
        rule: { kind: 'band', theta: 1, delta: PREFACTOR_DELTA },
        justification: 'descriptive: the mode\'s ratio over its predicted ratio (a slow mode may not have fallen, or may have grown by nonlinear transfer)',
        theory: predicted === null ? 'no prediction per mode in this study' : `ratio ${fmt(predicted)} (linearised flow), so 1 after division`,
        inRegime: predicted !== null && modeAsymptotic,
        regimeNote: predicted === null ? 'without a per-mode prediction the proposition says only P_m → 0 as t → ∞: nothing to decide at this t'
          : modeAsymptotic ? null : crossover === undefined
            ? `the pooled rungs start at n = ${d.pooledNs[0]} < ${CROSSOVER_MARGIN}·n× = ${fmt(CROSSOVER_MARGIN * fitAt!.crossover.upper)}: the n^{-2} term leads in the slow-decaying modes`
            : `the pooled rungs start at n = ${d.pooledNs[0]} < ${CROSSOVER_MARGIN}·n×_${mode.mode} = ${crossover < 1e300 ? fmt(CROSSOVER_MARGIN * crossover) : '∞ (the fit leaves P_m ≤ 0 possible)'}: the mode's n^{-2} term leads`,
      });
    }
  }
  return out;
}

/**
 * The normality verdict. Disagreement: the Holm-adjusted smallest p-value over every Jarque–Bera
 * and Anderson–Darling test of every projection. Agreement needs more than no rejection: every
 * projection's skewness and excess kurtosis shown inside `NORMALITY_TOLERANCE` (two one-sided
 * tests each, the largest p-value of all: an intersection–union test). The measurement shown is
 * the largest |skewness| with its normal-theory interval.
 */
function gaussianityDraft(list: readonly GaussianityRecord[], level: number, role: 'primary' | 'descriptive'): VerdictDraft {
  const R = list[0]!.result.n;
  const family = list.flatMap((g) => [g.result.jarqueBeraPValue, g.result.andersonDarlingPValue]);
  const holmMin = Math.min(...holmAdjust(family));
  const seS = Math.sqrt(6 / R);
  const seK = Math.sqrt(24 / R);
  const z = normalQuantile((1 + level) / 2);
  const worst = list.reduce((a, g) => (Math.abs(g.result.skewness) > Math.abs(a.result.skewness) ? g : a));
  const s = Math.abs(worst.result.skewness);
  const ns = [...new Set(list.map((g) => g.n))];
  const times = [...new Set(list.map((g) => g.t))];
  const kMax = Math.max(...list.map((g) => Math.abs(g.result.excessKurtosis)));
  return {
    claim: role === 'primary' ? 'CLT: √n (f_n − f₀) is Gaussian' : 'CLT: √n (f_n − f₀) is Gaussian (sample moments alone)', proposition: PROPOSITION, statement: STATEMENT,
    quantity: `√n (f_n − f₀): Re, Im of modes 1–2 at t = ${times.join(', ')} (those of t = ${CLT_TIMES.join(', ')} whose largest rung is ≥ ${GAUSSIAN_MARGIN}·n× of their mode) (${list.length} projections, n = ${ns.join(',')}, ${R} seeds); `
      + `${family.length} p-values (Jarque–Bera, Anderson–Darling), Holm-adjusted smallest ${holmMin.toPrecision(2)}; largest |excess kurtosis| ${fmt(kMax)}`,
    hypothesis: `fixed t; n = ${ns.join(',')} (the largest rung)`,
    t: null, role,
    measurement: { estimate: s, lower: s - z * seS, upper: s + z * seS, level },
    rule: { kind: 'band', theta: 0, delta: NORMALITY_TOLERANCE.skewness },
    justification: `|skewness| ≤ ${NORMALITY_TOLERANCE.skewness} and |excess kurtosis| ≤ ${NORMALITY_TOLERANCE.excessKurtosis} for every projection (skewness se √(6/R) = ${fmt(seS)}, kurtosis se √(24/R) = ${fmt(seK)})`
      + (role === 'descriptive' ? '; descriptive: the moments of R values alone are the weak route, the row with the linear response as control variate decides' : ''),
    theory: 'Gaussian: skewness 0, excess kurtosis 0',
    inRegime: true, regimeNote: null,
    pValues: {
      pDisagree: holmMin,
      pAgree: Math.max(...list.flatMap((g) => [
        tost(g.result.skewness, seS, NORMALITY_TOLERANCE.skewness),
        tost(g.result.excessKurtosis, seK, NORMALITY_TOLERANCE.excessKurtosis),
      ])),
    },
  };
}

/**
 * The Gaussianity row with the linear response as control variate. Each projection
 * `x = √n (f_n − f₀)_p` has a linear part `L = √n δ_lin,p`, a normalised sum of `n` i.i.d. terms
 * whose skewness and excess kurtosis are known (`influenceShape.ts`, one term's over `√n` and `n`).
 * The sample moments of `x` and `L` on the same seeds err together, so `ŝ(x) − ŝ(L) + s_L` has an
 * interval as narrow as the residual `x − L` allows, not the `±1.96√(6/R)` of `ŝ(x)` alone. Agreement:
 * every projection's controlled skewness within ±0.5 and excess kurtosis within ±1 (an
 * intersection–union test over their TOSTs, the largest p-value); disagreement, as without
 * controls, the Holm-adjusted smallest p-value of the normality tests. The limit is Prop. 3.2's
 * own: `f½` is the linear response of the initial Gaussian fluctuation, so the residual
 * `ε = ‖x − L‖/‖x‖` shown beside tends to 0.
 */
function controlledGaussianityDraft(list: readonly GaussianityRecord[]): VerdictDraft {
  const rows = list.map((g) => ({ g, r: g.residual! }));
  const skewRule = { kind: 'band', theta: 0, delta: NORMALITY_TOLERANCE.skewness } as const;
  const kurtRule = { kind: 'band', theta: 0, delta: NORMALITY_TOLERANCE.excessKurtosis } as const;
  const reach = (iv: { lower: number; upper: number }) => Math.max(Math.abs(iv.lower), Math.abs(iv.upper));
  const worst = rows.reduce((a, b) => (reach(b.r.skewness) > reach(a.r.skewness) ? b : a));
  const worstK = rows.reduce((a, b) => (reach(b.r.excessKurtosis) > reach(a.r.excessKurtosis) ? b : a));
  const worstE = rows.reduce((a, b) => (b.r.ratio.upper > a.r.ratio.upper ? b : a));
  const family = list.flatMap((g) => [g.result.jarqueBeraPValue, g.result.andersonDarlingPValue]);
  const R = list[0]!.result.n;
  const ns = [...new Set(list.map((g) => g.n))];
  const times = [...new Set(list.map((g) => g.t))];
  const where = (g: GaussianityRecord) => `mode ${g.mode} ${g.part}, t = ${g.t}`;
  const iv = (x: { estimate: number; lower: number; upper: number }) => `${fmt(x.estimate)} [${fmt(x.lower)}, ${fmt(x.upper)}]`;
  const outside = Math.max(...rows.map(({ r }) => r.outsideProbability));
  const s = worst.r.skewness;
  return {
    claim: 'CLT: √n (f_n − f₀) is Gaussian', proposition: PROPOSITION, statement: STATEMENT,
    quantity: `skewness of √n (f_n − f₀) with its linear part √n δ_lin as control variate, the worst of Re, Im of modes 1–2 at t = ${times.join(', ')} `
      + `(${list.length} projections whose n = ${ns.join(',')} is ≥ ${GAUSSIAN_MARGIN}·n× of their mode; worst: ${where(worst.g)}; ${R} seeds); `
      + `worst excess kurtosis ${iv(worstK.r.excessKurtosis)} (${where(worstK.g)}); residual ε = ‖√n (f_n − f₀ − δ_lin)‖/‖√n (f_n − f₀)‖ ≤ ${fmt(worstE.r.ratio.upper)} (${where(worstE.g)}); `
      + `${family.length} p-values (Jarque–Bera, Anderson–Darling), Holm-adjusted smallest ${Math.min(...holmAdjust(family)).toPrecision(2)}`,
    hypothesis: `fixed t; n = ${ns.join(',')} (the largest rung)`,
    t: null, role: 'primary',
    measurement: { estimate: s.estimate, lower: s.lower, upper: s.upper, level: s.level },
    rule: skewRule,
    justification: `|skewness| ≤ ${NORMALITY_TOLERANCE.skewness} and |excess kurtosis| ≤ ${NORMALITY_TOLERANCE.excessKurtosis} for every projection; `
      + `√n δ_lin's own are exact (one term's over √n and n, for |c − c̄| ≤ ${worst.r.shapeCutoff}σ_c: every particle but with probability ≤ ${outside.toPrecision(2)})`,
    theory: 'Gaussian: skewness 0, excess kurtosis 0 (the linear response of the initial fluctuation)',
    inRegime: true, regimeNote: null,
    pValues: {
      pAgree: Math.max(...rows.flatMap(({ r }) => [rulePValues(r.skewness, skewRule).pAgree, rulePValues(r.excessKurtosis, kurtRule).pAgree])),
      pDisagree: Math.min(...holmAdjust(family)),
    },
  };
}

/** Two one-sided tests of |x| < tol with normal standard error `se`, as a two-sided-level p-value (2·max of the one-sided). */
function tost(x: number, se: number, tol: number): number {
  const upper = 1 - normalCdf((tol - x) / se);
  const lower = 1 - normalCdf((x + tol) / se);
  return Math.min(1, 2 * Math.max(upper, lower));
}

/** The primary rows this file will produce for `spec`, declared before any member runs. */
export function cltPrimaryDeclaration(spec: StudySpec): string[] {
  const out: string[] = [];
  const clt = spec.claims.includes('clt');
  const at = spec.times.filter((t) => CLT_TIMES.includes(t));
  if (clt && at.length > 0) {
    out.push(`${PROPOSITION}: slope of E‖f_n − f₀‖² in −1 ± ${CLT_SLOPE_DELTA} on the rungs n ≥ ${CROSSOVER_MARGIN}·n×, at t = ${at.join(', ')}`);
    out.push(`${PROPOSITION}: √n (f_n − f₀) Gaussian (Holm over every Jarque–Bera and Anderson–Darling p-value; agreement: every projection's skewness within ±${NORMALITY_TOLERANCE.skewness} `
      + `and excess kurtosis within ±${NORMALITY_TOLERANCE.excessKurtosis}, with √n δ_lin as control variate where the members have their linear responses, from the sample moments alone where not)`);
  }
  if ((clt || spec.claims.includes('healing')) && spec.prediction) {
    out.push(spec.prediction.check
      ? `${PROPOSITION}: measured/predicted prefactor, extrapolated on the rungs n ≥ ${CROSSOVER_MARGIN}·n×, in 1 ± max(${PREFACTOR_MARGIN}, (n×/n)² + the prediction's own error) at every time the prediction resolves (pooled, with |Q|/n in the band, where fewer than 3 rungs qualify; 1 ± ${PREFACTOR_DELTA} without controlled means)`
      : `${PROPOSITION}: measured/predicted prefactor in 1 ± ${PREFACTOR_DELTA} at every time the prediction resolves`);
  }
  if (spec.claims.includes('healing') && spec.prediction && spec.times[0] === 0) {
    out.push(`${PROPOSITION}: P(t)/P(0) ≤ 1 at the latest resolved time, where the prediction is a fall by at least half`);
  }
  return out;
}
