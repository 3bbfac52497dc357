/**
 * When does a network of `n` units heal? At fixed `t` the error is `P(t)/n + Q(t)/n²`; the
 * fluctuation `P/n` decays in time like `e^{−2λt}` (Prop. 3.2's `f½ → 0`), so for each `n` there is a
 * time `t_h(n)` after which `P(t)/n < Q(t)/n²`, i.e. `n < n×(t) = |Q|/P`. Where `Q` decays slower than
 * `P` (or not at all) that gives `t_h(n) ≈ log n / (2λ − μ)`: the healing time grows like `log n`,
 * the time scale of Prop. 3.3's hypothesis `a_n / log n → ∞`. Measured here from the two-term fits
 * at the recorded times (log-linear interpolation of `n×(t)` between them), against the slope
 * `1/(2λ)` with `λ` the decay rate of the predicted (else measured) prefactor.
 */
import type { HealingTime, TwoTermRecord } from './measurements.ts';
import type { CltPredictionRecord } from './prediction.ts';

/**
 * `λ` of `P(t) ∝ e^{−2λt}` from the last three times where `P` is still above `1e-12·P(first)`
 * (least squares on `log P`): the late decay, which sets how long healing takes, and not the
 * transient of the first times nor values at the rounding floor. Null without such three times.
 */
export function prefactorDecayRate(times: readonly number[], P: readonly number[]): number | null {
  const p0 = P[0]!;
  const pts = times.map((t, k) => [t, P[k]!] as const).filter(([, p]) => p > 1e-12 * p0 && p > 0).slice(-3);
  if (pts.length < 3) return null;
  const mt = pts.reduce((a, [t]) => a + t, 0) / pts.length;
  const ml = pts.reduce((a, [, p]) => a + Math.log(p), 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const [t, p] of pts) {
    sxy += (t - mt) * (Math.log(p) - ml);
    sxx += (t - mt) ** 2;
  }
  const rate = -sxy / sxx / 2;
  return rate > 0 ? rate : null;
}

export function healingTime(ns: readonly number[], fits: readonly TwoTermRecord[], prediction: CltPredictionRecord | null): HealingTime {
  const usable = fits.filter((f) => f.resolvable && f.P.estimate > 0);
  const perN = ns.map((n) => {
    for (let k = 0; k < usable.length; k++) {
      const x = usable[k]!.crossover.estimate;
      if (x < n) continue;
      if (k === 0) return { n, t: usable[0]!.t };
      const a = usable[k - 1]!;
      const b = usable[k]!;
      const la = Math.log(Math.max(a.crossover.estimate, 1e-300));
      const lb = Math.log(x);
      return { n, t: a.t + ((Math.log(n) - la) / (lb - la)) * (b.t - a.t) };
    }
    return { n, t: null };
  });
  const crossed = perN.filter((p): p is { n: number; t: number } => p.t !== null && p.t > (usable[0]?.t ?? 0));
  let slope: number | null = null;
  if (crossed.length >= 2) {
    const mx = crossed.reduce((a, p) => a + Math.log(p.n), 0) / crossed.length;
    const my = crossed.reduce((a, p) => a + p.t, 0) / crossed.length;
    let sxy = 0;
    let sxx = 0;
    for (const p of crossed) {
      sxy += (Math.log(p.n) - mx) * (p.t - my);
      sxx += (Math.log(p.n) - mx) ** 2;
    }
    slope = sxx > 0 ? sxy / sxx : null;
  }
  const fromPrediction = prediction ? prefactorDecayRate(prediction.times, prediction.total) : null;
  const lambda = fromPrediction ?? prefactorDecayRate(usable.map((f) => f.t), usable.map((f) => f.P.estimate));
  const positiveQ = usable.filter((f) => f.Q.estimate > 0);
  const halfRate = positiveQ.length >= 3 ? prefactorDecayRate(positiveQ.map((f) => f.t), positiveQ.map((f) => f.Q.estimate)) : null;
  const mu = halfRate === null ? null : 2 * halfRate;
  return {
    perN, slope, lambda, lambdaSource: lambda === null ? null : fromPrediction !== null ? 'prediction' : 'measured',
    predictedSlope: lambda === null ? null : 1 / (2 * lambda),
    qDecayRate: mu,
    slopeWithQDecay: lambda !== null && mu !== null && 2 * lambda > mu ? 1 / (2 * lambda - mu) : null,
  };
}
