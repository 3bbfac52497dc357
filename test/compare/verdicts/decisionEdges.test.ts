/**
 * The decision rules where a plausible defect would hide: asymmetric intervals (each tail its own
 * spread), the regime gate's margin above the crossover, the power of primary rows at the strictest
 * Holm level, and the pairing of P(t)/P(0). Each expected number is computed here from the rule's
 * statement, not read from the code.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  asymptoticRungs, BootstrapStreams, finaliseVerdicts, normalCdf, normalQuantile,
  type CellMetrics, type DecisionRule, type Measurement, type StudySpec, type TwoTermRecord, type VerdictDraft,
} from '../../../compare/index.ts';
import { measurePrefactorDecay } from '../../../compare/torus/prefactorDecay.ts';
import { cltVerdicts } from '../../../compare/verdicts/prop32Clt.ts';
import { gaussianityCheck } from '../../../compare/statistics/gaussianity.ts';
import type { PrefactorComparison } from '../../../compare/torus/prediction.ts';

const draft = (measurement: Measurement, rule: DecisionRule, role: VerdictDraft['role'] = 'descriptive'): VerdictDraft => ({
  claim: 'synthetic', proposition: 'Prop. 0', statement: '', quantity: '', hypothesis: '', t: 1, role,
  justification: '', theory: '', inRegime: true, regimeNote: null, measurement, rule,
});
const Z = normalQuantile(0.975);
/** `2·P(X ≥ x)` for the normal whose spread is `side/z`: the p-value the interval's own side implies. */
const tail = (distance: number, side: number): number => 2 * normalCdf(-distance / (side / Z));

test('asymmetric intervals: each tail uses the spread of its own side (atMost, atLeast, band)', () => {
  const [atMost, atLeast, band] = finaliseVerdicts([
    // upper end −1.9 ≤ −1.8: agrees; the wide lower side must not widen the upper tail
    draft({ estimate: -2.5, lower: -3.5, upper: -1.9, level: 0.95 }, { kind: 'atMost', bound: -1.8 }),
    // the mirror: lower end 1.9 ≥ 1.8 with a wide upper side
    draft({ estimate: 2.5, lower: 1.9, upper: 3.5, level: 0.95 }, { kind: 'atLeast', bound: 1.8 }),
    // a band whose binding edge is the upper one, with a wide lower side
    draft({ estimate: -1.0, lower: -1.09, upper: -0.93, level: 0.95 }, { kind: 'band', theta: -1, delta: 0.1 }),
  ]);
  assert.is(atMost!.outcome, 'agrees');
  assert.ok(Math.abs(atMost!.pAgree - tail(0.7, 0.6)) < 1e-12, `atMost pAgree ${atMost!.pAgree}`);
  assert.is(atLeast!.outcome, 'agrees');
  assert.ok(Math.abs(atLeast!.pAgree - tail(0.7, 0.6)) < 1e-12, `atLeast pAgree ${atLeast!.pAgree}`);
  assert.is(band!.outcome, 'agrees');
  // TOST: the larger of the two edge tests, each on its own side's spread
  const expected = Math.max(tail(0.1, 0.07), tail(0.1, 0.09));
  assert.ok(Math.abs(band!.pAgree - expected) < 1e-12, `band pAgree ${band!.pAgree} vs ${expected}`);
  // and the disagreement p-values: the nearer edge on the side facing it
  assert.ok(Math.abs(atMost!.pDisagree - 1) < 1e-12, 'the estimate is below the bound: no evidence above it');
  const across = finaliseVerdicts([draft({ estimate: -1.5, lower: -1.6, upper: -1.2, level: 0.95 }, { kind: 'atLeast', bound: -1.0 })])[0]!;
  assert.is(across.outcome, 'disagrees');
  assert.ok(Math.abs(across.pDisagree - tail(0.5, 0.3)) < 1e-12, `pDisagree ${across.pDisagree}`);
});

test('power of primary rows: detectable = δ + (z_{1−α/(2m)} + z_{0.8})·s at the family size m', () => {
  const s = 0.03;
  const m: Measurement = { estimate: -1, lower: -1 - Z * s, upper: -1 + Z * s, level: 0.95 };
  const rule: DecisionRule = { kind: 'band', theta: -1, delta: 0.1 };
  const verdicts = finaliseVerdicts([...Array.from({ length: 5 }, () => draft(m, rule, 'primary')), draft(m, rule, 'descriptive')]);
  const primaryReach = 0.1 + (normalQuantile(1 - 0.05 / (2 * 5)) + normalQuantile(0.8)) * s;
  for (const v of verdicts.slice(0, 5)) {
    assert.is(v.familySize, 5);
    assert.ok(Math.abs(v.detectable - primaryReach) < 1e-12, `primary detectable ${v.detectable} vs ${primaryReach}`);
  }
  const descriptiveReach = 0.1 + (normalQuantile(1 - 0.05 / 2) + normalQuantile(0.8)) * s;
  assert.ok(Math.abs(verdicts[5]!.detectable - descriptiveReach) < 1e-12);
});

test('the regime gate: on a ten-rung ladder 32…16384 with n× ≤ 200, the asymptotic rungs are exactly 2048…16384', () => {
  const ns = Array.from({ length: 10 }, (_, k) => 32 * 2 ** k);
  const interval = (estimate: number, upper: number) => ({ estimate, lower: 0, upper, level: 0.95, replicates: 100, standardError: 1 });
  const fit: TwoTermRecord = { t: 10, P: interval(1, 2), Q: interval(50, 200), crossover: interval(50, 200), resolvable: true };
  assert.equal(asymptoticRungs(ns, fit), [2048, 4096, 8192, 16384]);
  // at t = 0 the law is P/n exactly: every rung counts
  assert.equal(asymptoticRungs(ns, { ...fit, t: 0 }), ns);
});

test('the prefactor row\'s regime gate: its pooled rungs must start at 10·n× (n = 1024 against n× ≤ 100 in regime, ≤ 200 not)', () => {
  const ns = Array.from({ length: 10 }, (_, k) => 32 * 2 ** k);
  const interval = (estimate: number, upper: number) => ({ estimate, lower: 0, upper, level: 0.95, replicates: 100, standardError: 1 });
  const spec = { claims: ['clt'], ns, seeds: 8, times: [0, 10], bootstrap: { replicates: 100, level: 0.95 } } as unknown as StudySpec;
  const rows = (crossoverUpper: number) => cltVerdicts({
    spec, M: 2, cells: [], floor: [0, 0], slopes: [], mseSlopes: [], distanceSlopes: null, gaussianity: [], referenceCheck: [],
    twoTerm: [interval(0, 0), interval(0, 0)].map((_, k) => ({ t: [0, 10][k]!, P: interval(1, 1), Q: interval(1, 1), crossover: interval(crossoverUpper / 2, crossoverUpper), resolvable: true })),
    prefactor: [{ t: 10, predicted: 1, measured: 1, standardError: 0.01, lower: 0.98, upper: 1.02, pooledNs: ns.slice(5), resolvable: true, agrees: true, controlled: false } as PrefactorComparison],
    prefactorDecay: null, healingTime: null, asymptotic: null, cltSlopes: [null, null], sgd: null, controlVariate: null,
  }).filter((d) => d.claim.startsWith('CLT prefactor'));
  const [inside] = rows(100);
  const [outside] = rows(200);
  assert.is(inside!.inRegime, true);
  assert.is(outside!.inRegime, false);
  assert.match(outside!.regimeNote!, /the pooled rungs start at n = 1024 < 10·n× = 2\.00e\+3/);
});

test('the prefactor row\'s band with controlled means and a checked prediction: max(0.02, |Q|·mean(1/n)/P + its error); 0.2 without', () => {
  const ns = Array.from({ length: 10 }, (_, k) => 32 * 2 ** k);
  const interval = (estimate: number, lower: number, upper: number) => ({ estimate, lower, upper, level: 0.95, replicates: 100, standardError: 1 });
  const spec = { claims: ['clt'], ns, seeds: 8, times: [0, 10], bootstrap: { replicates: 100, level: 0.95 } } as unknown as StudySpec;
  const pooledNs = ns.slice(5);
  const band = (qUpper: number, controlled: boolean, predictionError: number | null, extrapolated: PrefactorComparison['extrapolated'] = null) => cltVerdicts({
    spec, M: 2, cells: [], floor: [0, 0], slopes: [], mseSlopes: [], distanceSlopes: null, gaussianity: [], referenceCheck: [],
    twoTerm: [0, 10].map((t) => ({ t, P: interval(0.1, 0.1, 0.1), Q: interval(0, -qUpper / 2, qUpper), crossover: interval(1, 1, 2), resolvable: true })),
    prefactor: [{ t: 10, predicted: 0.1, measured: 0.1, standardError: 1e-4, lower: 0.0998, upper: 0.1002, pooledNs, resolvable: true, agrees: true, controlled, predictionError, extrapolated } as PrefactorComparison],
    prefactorDecay: null, healingTime: null, asymptotic: null, cltSlopes: [null, null], sgd: null, controlVariate: null,
  }).find((d) => d.claim.startsWith('CLT prefactor'))!.rule as { delta: number };
  const meanInverse = pooledNs.reduce((a, n) => a + 1 / n, 0) / pooledNs.length;
  assert.is(band(0.01, true, 1e-4).delta, 0.02, 'a small Q and a small prediction error: the margin');
  assert.ok(Math.abs(band(20, true, 1e-3).delta - (20 * meanInverse / 0.1 + 0.01)) < 1e-15, `|Q| ≤ 20: ${band(20, true, 1e-3).delta}`);
  assert.is(band(20, false, 1e-3).delta, 0.2, 'plain means: the wide band');
  assert.is(band(20, true, null).delta, 0.2, 'no check of the prediction: the wide band');
  // extrapolated on the rungs n ≥ 10·n×: the next term (n×/n₀)² in place of Q/n
  const ext = { P: interval(0.1, 0.099, 0.101), Q: interval(0, -1, 1), rungs: [512, 1024, 2048], crossover: 40 };
  assert.ok(Math.abs(band(20, true, 2e-3, ext).delta - ((40 / 512) ** 2 + 0.02)) < 1e-15, `extrapolated: ${band(20, true, 2e-3, ext).delta}`);
  assert.is(band(20, true, 1e-3, { ...ext, crossover: 5 }).delta, 0.02, 'a small remainder: the margin');
  assert.is(band(20, false, 1e-3, ext).delta, 0.2, 'plain means: the wide band, extrapolation or not');
});

test('per-mode regimes: a Gaussianity projection counts only where the largest n ≥ 100·n×_m of its mode; a healing row per mode only where the pooled rungs ≥ 10·n×_m', () => {
  const ns = [256, 512, 1024, 2048];
  const interval = (estimate: number, upper: number) => ({ estimate, lower: 0, upper, level: 0.95, replicates: 100, standardError: 1 });
  const spec = { claims: ['clt', 'healing'], ns, seeds: 12, times: [0, 1, 10], bootstrap: { replicates: 100, level: 0.95 } } as unknown as StudySpec;
  // a Gaussian-looking sample for every projection; only the crossovers differ
  const result = gaussianityCheck(Float64Array.from({ length: 12 }, (_, r) => Math.sin(3.7 * r + 1)));
  const g = (t: number, mode: number, modeCrossover: number | null) => ({ t, n: 2048, mode, part: 're' as const, result, modeCrossover });
  const verdicts = cltVerdicts({
    spec, M: 2, cells: [], floor: [0, 0, 0], slopes: [], mseSlopes: [], distanceSlopes: null, referenceCheck: [],
    gaussianity: [g(0, 1, 0), g(1, 1, 15), g(10, 1, 25), g(10, 2, null)],
    twoTerm: [0, 1, 10].map((t) => ({ t, P: interval(1, 1), Q: interval(1, 1), crossover: interval(1, 2), resolvable: true })),
    prefactor: null,
    prefactorDecay: {
      t: 10, ratio: { estimate: 0.1, lower: 0.09, upper: 0.11, level: 0.95 }, predictedRatio: 0.1, pooledNs: [1024, 2048],
      perMode: [
        { mode: 1, ratio: { estimate: 0.1, lower: 0.09, upper: 0.11, level: 0.95 }, predictedRatio: 0.1, modeCrossover: 50 },
        { mode: 2, ratio: { estimate: 0.1, lower: 0.09, upper: 0.11, level: 0.95 }, predictedRatio: 0.1, modeCrossover: 200 },
      ],
    },
    healingTime: null, asymptotic: null, cltSlopes: [null, null, null], sgd: null, controlVariate: null,
  });
  const gaussian = verdicts.find((d) => d.claim.startsWith('CLT: √n'))!;
  // t = 0 always; t = 1 with n×_1 = 15 (2048 ≥ 1500); not t = 10 mode 1 (2048 < 2500); t = 10 mode 2 by the total's n× (2048 ≥ 200)
  assert.match(gaussian.quantity, /at t = 0, 1, 10 .*\(3 projections/);
  const mode = (m: number) => verdicts.find((d) => d.claim.startsWith(`healing, mode ${m}`))!;
  assert.is(mode(1).inRegime, true, 'pooled from 1024 ≥ 10·50');
  assert.is(mode(2).inRegime, false, 'pooled from 1024 < 10·200');
  assert.match(mode(2).regimeNote!, /10·n×_2 = 2\.00e\+3/);
});

test('Gaussianity with the linear response as control: the controlled moments decide agreement (every projection inside ±0.5, ±1), the normality tests disagreement; the sample-moment row becomes descriptive', () => {
  const ns = [256, 512, 1024, 2048];
  const interval = (estimate: number, lower: number, upper: number) => ({ estimate, lower, upper, level: 0.95, replicates: 100, standardError: 1 });
  const spec = { claims: ['clt'], ns, seeds: 12, times: [0, 1], bootstrap: { replicates: 100, level: 0.95 } } as unknown as StudySpec;
  const result = gaussianityCheck(Float64Array.from({ length: 12 }, (_, r) => Math.sin(3.7 * r + 1)));
  const residual = (skew: [number, number, number], kurt: [number, number, number]) => ({
    ratio: interval(0.02, 0.01, 0.03), linearSkewness: 0.01, linearExcessKurtosis: 0.001,
    skewness: interval(...skew), excessKurtosis: interval(...kurt), shapeCutoff: 6, outsideProbability: 1e-4,
  });
  const rows = (second: ReturnType<typeof residual> | null) => cltVerdicts({
    spec, M: 2, cells: [], floor: [0, 0], slopes: [], mseSlopes: [], distanceSlopes: null, referenceCheck: [],
    gaussianity: [
      { t: 0, n: 2048, mode: 1, part: 're', result, modeCrossover: 0, residual: residual([0.01, -0.05, 0.07], [0.0, -0.1, 0.1]) },
      { t: 1, n: 2048, mode: 1, part: 're', result, modeCrossover: 1, residual: second },
    ],
    twoTerm: [0, 1].map((t) => ({ t, P: interval(1, 1, 1), Q: interval(1, 1, 1), crossover: interval(1, 1, 2), resolvable: true })),
    prefactor: null, prefactorDecay: null, healingTime: null, asymptotic: null, cltSlopes: [null, null], sgd: null, controlVariate: null,
  }).filter((d) => d.claim.startsWith('CLT: √n'));
  const inside = finaliseVerdicts(rows(residual([0.1, -0.2, 0.4], [0.2, -0.5, 0.8])));
  assert.equal(inside.map((v) => [v.role, v.outcome]), [['primary', 'agrees'], ['descriptive', 'not resolved']]);
  // the worst skewness interval is the row's measurement
  assert.equal([inside[0]!.measurement.lower, inside[0]!.measurement.upper], [-0.2, 0.4]);
  assert.match(inside[0]!.quantity, /worst excess kurtosis 0\.200 \[-0\.500, 0\.800\] \(mode 1 re, t = 1\)/);
  // one projection's kurtosis interval reaching past 1: no agreement (an intersection–union test)
  assert.is(finaliseVerdicts(rows(residual([0.1, -0.2, 0.4], [0.5, -0.2, 1.3])))[0]!.outcome, 'not resolved');
  // a projection without its linear response: the sample-moment row is the primary one, as without controls
  const plain = rows(null);
  assert.equal(plain.map((d) => [d.claim, d.role]), [['CLT: √n (f_n − f₀) is Gaussian', 'primary']]);
});

test('P(t)/P(0) is paired: members whose t = 1 fluctuation is e⁻¹ times their t = 0 one give e⁻² with an interval of zero width', () => {
  const ns = [64, 128, 256, 512];
  const R = 12;
  const spec = { ns, seeds: R, times: [0, 1] } as unknown as StudySpec;
  const rng = Math.sin;
  // per seed, a squared error at t = 0 that varies a lot between seeds; at t = 1 exactly e⁻² of it
  const at0 = ns.map((n) => Float64Array.from({ length: R }, (_, r) => (1 + 0.9 * rng(7 * r + n)) / n));
  const at1 = at0.map((v) => v.map((x) => x * Math.exp(-2)));
  const plain = (v: readonly Float64Array[]) => v.map((x) => ({ x, control: null }));
  const modes = (v: readonly Float64Array[]) => v.map((x) => [{ x, control: null }, { x, control: null }]);
  const cells = ns.flatMap((n, j) => [0, 1].map((t) => ({ n, t, mse: (t === 0 ? at0 : at1)[j]!.reduce((a, b) => a + b, 0) / R }) as CellMetrics));
  const decay = measurePrefactorDecay({
    spec, M: 1, cells, samples: [plain(at0), plain(at1)], modeSamples: [modes(at0), modes(at1)], floor: [0, 0], prediction: null,
  }, new BootstrapStreams(1, 400, 0.95))!;
  assert.is(decay.t, 1);
  const e2 = Math.exp(-2);
  assert.ok(Math.abs(decay.ratio.estimate - e2) < 1e-14, `ratio ${decay.ratio.estimate}`);
  assert.ok(Math.abs(decay.ratio.lower - e2) < 1e-14 && Math.abs(decay.ratio.upper - e2) < 1e-14, `[${decay.ratio.lower}, ${decay.ratio.upper}]`);
});

test.run();
