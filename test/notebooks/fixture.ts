import type { ReportAsymptotic, ReportInput, ReportSchedule, ReportSlopeInterval, ReportVerdict } from '../../notebooks/report/input.ts';
import { RESULT_FORMAT } from '../../io/resultFormat.ts';

/** A verdict as the file has it: the report shows only some of these fields. */
type FileVerdict = ReportVerdict & { quantity: string; justification: string; inRegime: boolean; pAgree: number; pDisagree: number };

/**
 * A tiny synthetic compare result: f = cos x, M = 2, n = 10, 100, two times, a 4×4 density,
 * mse = 0.5/n exactly (slope −1), a predicted prefactor (with the fields the report does not
 * draw, settings and seconds) measured at t = 0 and unresolvable at t = 1, a two-term fit, four
 * verdicts (two primary: agrees, not resolved with a regime note; two descriptive: disagrees,
 * nothing measured) and a claim with `</script>` in it to test the escaping.
 */
export function fixture(): ReportInput & { gaussianity: unknown[] } {
  const times = [0, 1];
  const ns = [10, 100];
  const cells = ns.flatMap((n) => times.map((t) => ({ n, t, mse: 0.5 / n, mseStandardError: 0.05 / n, nMse: 0.5, modeMse: [0, 0.5 / n, 0], lossMean: 0.25 - 0.1 * t + 1 / n })));
  // a variable, not a literal in place, so the fields ReportInput leaves out may be there as in a real file
  const prediction = {
    settings: { ny: 8, nc: 4, dt: 0.1, check: { ny: 12, nc: 6 } },
    times, total: [0.48, 0.125], perMode: [[0, 0.48, 0], [0, 0.125, 0]], checkTotal: [0.4800001, 0.1250002], linearRegime: [0.48, 0.1], seconds: 0.01,
  };
  const verdicts: FileVerdict[] = [
    {
      claim: 'CLT </script><script>alert(1)</script>', proposition: 'Prop. 3.2 (CLT for GD)', statement: 'for every fixed t, √n (f_n(t) − f₀(t)) tends to a Gaussian',
      quantity: 'log-log slope of E‖f_n − f₀‖²', hypothesis: 'fixed t = 0; rungs n ≥ 10', t: 0, role: 'primary',
      measurement: { estimate: -1, lower: -1.05, upper: -0.95, level: 0.95 }, rule: { kind: 'band', theta: -1, delta: 0.1 },
      justification: 'two-term law', theory: '−1 (the n^{-1/2} fluctuation)', inRegime: true, regimeNote: null,
      pAgree: 0.001, pDisagree: 1, alpha: 0.05, adjustedP: 0.002, familySize: 2, outcome: 'agrees', detectable: 0.17,
    },
    {
      claim: 'CLT: slope at t = 1', proposition: 'Prop. 3.2 (CLT for GD)', statement: 'for every fixed t, √n (f_n(t) − f₀(t)) tends to a Gaussian',
      quantity: 'log-log slope of E‖f_n − f₀‖²', hypothesis: 'fixed t = 1', t: 1, role: 'primary',
      measurement: { estimate: -0.9, lower: -1.2, upper: -0.6, level: 0.95 }, rule: { kind: 'band', theta: -1, delta: 0.1 },
      justification: 'two-term law', theory: '−1', inRegime: false, regimeNote: 'fewer than 3 rungs above 10·n× <b>',
      pAgree: 0.6, pDisagree: 1, alpha: 0.05, adjustedP: null, familySize: 2, outcome: 'not resolved', detectable: 0.45,
    },
    {
      claim: 'Prop. 3.3 along a_n = 3 (fixed)', proposition: 'Prop. 3.3 (asymptotic error for GD)', statement: 'n^ξ (f_n(a_n) − f) → 0',
      quantity: 'slope of E‖f_n(a_n) − f‖²', hypothesis: 'control: a_n fixed', t: null, role: 'descriptive',
      measurement: { estimate: -1, lower: -1.1, upper: -0.9, level: 0.9 }, rule: { kind: 'atMost', bound: -1.8 },
      justification: 'ξ = 0.9', theory: '≤ −2', inRegime: true, regimeNote: null,
      pAgree: 1, pDisagree: 0.0001, alpha: 0.05, adjustedP: 0.0001, familySize: 0, outcome: 'disagrees', detectable: 0.2,
    },
    {
      claim: 'healing, mode 2: P_2(t)/P_2(0)', proposition: 'Prop. 3.2 (CLT for GD)', statement: 'f½(t) → 0',
      quantity: 'ratio', hypothesis: 't = 1', t: 1, role: 'descriptive',
      measurement: { estimate: null, lower: null, upper: null, level: 0.95 }, rule: { kind: 'atLeast', bound: 0 },
      justification: 'at the floor', theory: '< 1', inRegime: true, regimeNote: null,
      pAgree: 1, pDisagree: 1, alpha: 0.05, adjustedP: 0.9, familySize: 0, outcome: 'not resolved', detectable: null,
    },
  ];
  // the two-term fit as the file has it (Q and the crossover are not drawn)
  const interval = (estimate: number, lower: number, upper: number): { estimate: number; lower: number; upper: number; level: number; replicates: number; standardError: number } =>
    ({ estimate, lower, upper, level: 0.95, replicates: 200, standardError: (upper - lower) / 4 });
  const twoTerm = [
    { t: 0, P: interval(0.5, 0.4, 0.6), Q: interval(0, -1, 1), crossover: interval(0, 0, 2), resolvable: true },
    { t: 1, P: interval(0.45, 0.3, 0.62), Q: interval(0, -1, 1), crossover: interval(0, 0, 2), resolvable: false },
  ];
  const prefactor = [
    { t: 0, predicted: 0.48, measured: 0.5, standardError: 0.05, lower: 0.402, upper: 0.598, pooledNs: [100], resolvable: true, agrees: true },
    { t: 1, predicted: 0.125, measured: 0.5, standardError: 0.05, lower: 0.402, upper: 0.598, pooledNs: [100], resolvable: false, agrees: false },
  ];
  return {
    format: RESULT_FORMAT,
    command: 'compare',
    createdAt: '2026-01-01T00:00:00.000Z',
    spec: { ns, seeds: 2, times, problem: { unit: 'vonmises:2', target: 'cos(x)' }, law: { cMean: 0, sigmaC: 1 } },
    problem: { M: 2, target: { fhat: [[0, 0], [0.5, 0], [0, 0]] } },
    reference: {
      times,
      fhat: [[[0, 0], [0, 0], [0, 0]], [[0, 0], [0.25, 0], [0, 0]]],
      loss: [0.25, 0.14],
      density: { ny: 4, nc: 4, L: 2, rho: [Array.from({ length: 16 }, (_, k) => (k % 4) + 1), Array.from({ length: 16 }, () => 1)] },
      marginals: { L: 2, y: [[0.1, 0.2, 0.2, 0.1], [0.16, 0.16, 0.16, 0.16]], c: [[0.1, 0.4, 0.4, 0.1], [0.1, 0.4, 0.4, 0.1]] },
      prediction,
    },
    sample: { n: 100, r: 1, y: [[0.5, 1, 6], [0.5, 1, 6]], c: [[0, 1, 5], [0, -1, 0.5]] },
    analysis: {
      cells,
      slopes: times.flatMap((t) => [
        { t, quantity: 'mse', estimate: -1, lower: -1.1, upper: -0.9, level: 0.95 },
        { t, quantity: 'mse mode 1', estimate: -1, lower: -1.2, upper: -0.8, level: 0.95 },
        { t, quantity: 'w1 y-marginal', estimate: -0.5, lower: -0.6, upper: -0.4, level: 0.95 },
      ]),
      verdicts,
      prefactor,
      twoTerm,
      asymptotic: null,
    },
    members: [
      { n: 10, r: 0, fhat: [[0, 0, 0.4, 0, 0, 0], [0, 0, 0.3, 0, 0, 0]], loss: [0.3, 0.2] },
      { n: 100, r: 0, fhat: [[0, 0, 0.1, 0, 0, 0], [0, 0, 0.2, 0, 0, 0]], loss: [0.3, 0.2] },
      { n: 100, r: 1, fhat: [[0, 0, 0.05, 0, 0, 0], [0, 0, 0.26, 0, 0, 0]], loss: [0.3, 0.2] },
    ],
    gaussianity: [{ big: 'not embedded' }],
  };
}

/** The fixture as a file written before the prediction existed (or with --predict none). */
export function fixtureWithoutPrediction(): ReportInput {
  const f = fixture();
  const { prediction: _p, ...reference } = f.reference;
  const { prefactor: _q, ...analysis } = f.analysis;
  return { ...f, reference, analysis };
}

/**
 * The fixture as a study of times growing with n (`compare asymptotic`): no prediction, and
 * `analysis.asymptotic` with two schedules on the ladder n = 10, 100 (the second at the floor on one
 * rung: no slope, and a mean-field distance of 0 that a log axis cannot show).
 */
export function fixtureWithSchedules(): ReportInput {
  const f = fixtureWithoutPrediction();
  // with the fields the report does not draw, as in a real file
  type FileSlope = ReportSlopeInterval & { replicates: number; standardError: number };
  type FileSchedule = ReportSchedule & { vsTarget: FileSlope | null; schedule: { kind: string; kappa: number }; ratioToLog: number[]; meanVsF0: number[]; vsF0: null; perModeVsF0: { mode: number; slope: null }[] };
  const schedule = (text: string, times: number[], meanVsTarget: number[], meanFieldBias: number[], slope: number | null): FileSchedule => ({
    schedule: { kind: 'log', kappa: 0.5 }, text, times, ratioToLog: times.map((a, i) => a / Math.log([10, 100][i]!)),
    meanVsTarget, meanVsF0: meanVsTarget, meanFieldBias,
    vsTarget: slope === null ? null : { estimate: slope, lower: slope - 0.1, upper: slope + 0.1, level: 0.95, replicates: 200, standardError: 0.05 },
    vsF0: null, meanFieldBiasSlope: slope, perModeVsF0: [{ mode: 0, slope: null }],
  });
  const asymptotic: ReportAsymptotic & { lambdaSource: string } = {
    lambda: 1, lambdaSource: 'given', healingScale: 0.5,
    schedules: [
      schedule('a_n = 0.5·log n', [1.151, 2.303], [0.05, 0.0005], [0.01, 0.0001], -2),
      schedule('a_n = 1 (fixed) <i>', [1, 1], [0.05, 0.005], [0.002, 0], null),
    ],
  };
  return { ...f, analysis: { ...f.analysis, asymptotic } };
}
