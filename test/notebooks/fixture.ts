import type { ReportInput } from '../../notebooks/report/input.ts';

/**
 * A tiny synthetic compare result: f = cos x, M = 2, n = 10, 100, two times, a 4×4 density,
 * mse = 0.5/n exactly (slope −1), a predicted prefactor (with the fields the report does not
 * draw, settings and perMode) measured at t = 0 and unresolvable at t = 1, and a claim with
 * `</script>` in it to test the escaping.
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
  const prefactor = [
    { t: 0, predicted: 0.48, measured: 0.5, standardError: 0.05, lower: 0.402, upper: 0.598, pooledNs: [100], resolvable: true, agrees: true },
    { t: 1, predicted: 0.125, measured: 0.5, standardError: 0.05, lower: 0.402, upper: 0.598, pooledNs: [100], resolvable: false, agrees: false },
  ];
  return {
    format: 'liouville-result/1',
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
      verdicts: [{ claim: 'CLT </script><script>alert(1)</script>', t: 0, measured: '-1.000 [-1.1, -0.9]', theory: '−1 ± 0.15', agrees: true }],
      prefactor,
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
