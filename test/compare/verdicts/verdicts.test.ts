/**
 * The verdicts' decision rules on synthetic ensembles whose answer is known, and on real runs:
 * every outcome must follow from its record by the interval rule, written here independently of
 * compare/verdicts/verdict.ts, so a changed rule there cannot pass unnoticed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  analyseStudy, declarePrimaryVerdicts, finaliseVerdicts, holmAdjust, outcomeFromRecord, normalQuantile, runStudy, scheduleTimes, bootstrapTwoTermFit,
  type MemberResult, type StudyReference, type StudySpec, type Verdict, type VerdictDraft, type DecisionRule, type Measurement,
} from '../../../compare/index.ts';
import { createSpectrum, createTorusProblem, Rng } from '../../../model/index.ts';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../../helpers/runInProcess.ts';
import { tempDir } from '../../helpers/tempDir.ts';

/** The interval rule of the verdict model, restated: what a 95% interval says about a rule. */
function intervalOutcome(m: Measurement, rule: DecisionRule): Verdict['outcome'] {
  switch (rule.kind) {
    case 'band': {
      const lo = rule.theta - rule.delta;
      const hi = rule.theta + rule.delta;
      if (m.lower >= lo && m.upper <= hi) return 'agrees';
      if (m.upper < lo || m.lower > hi) return 'disagrees';
      return 'not resolved';
    }
    case 'atMost':
      return m.upper <= rule.bound ? 'agrees' : m.lower > rule.bound ? 'disagrees' : 'not resolved';
    case 'atLeast':
      return m.lower >= rule.bound ? 'agrees' : m.upper < rule.bound ? 'disagrees' : 'not resolved';
  }
}

/** Every verdict: its outcome is its rule on its record; a descriptive one is the 95% interval rule; a primary one is never bolder than it. */
function assertOutcomesFollowRules(verdicts: readonly Verdict[]): void {
  for (const v of verdicts) {
    assert.is(v.outcome, outcomeFromRecord(v), `${v.claim} @ ${v.t}`);
    if (v.pValues || !v.inRegime) continue;
    const byInterval = intervalOutcome(v.measurement, v.rule);
    if (v.role === 'descriptive') assert.is(v.outcome, byInterval, `${v.claim} @ ${v.t}: ${JSON.stringify(v.measurement)}`);
    else if (v.outcome !== 'not resolved') assert.is(v.outcome, byInterval, `${v.claim} @ ${v.t}: Holm may only withhold a decision`);
  }
}

const draft = (over: Partial<VerdictDraft> & Pick<VerdictDraft, 'measurement' | 'rule'>): VerdictDraft => ({
  claim: 'synthetic', proposition: 'Prop. 0', statement: '', quantity: '', hypothesis: '', t: 0, role: 'descriptive',
  justification: '', theory: '', inRegime: true, regimeNote: null, ...over,
});
const at95 = (estimate: number, halfWidth: number): Measurement => ({ estimate, lower: estimate - halfWidth, upper: estimate + halfWidth, level: 0.95 });
const slopeRule: DecisionRule = { kind: 'band', theta: -1, delta: 0.1 };

test('decision rule: a slope of −0.85 with a tight interval disagrees with −1 ± 0.1; −1.02 ± 0.03 agrees; ±0.5 is not resolved', () => {
  const [tight, good, wide, outOfRegime] = finaliseVerdicts([
    draft({ measurement: at95(-0.85, 0.02), rule: slopeRule }),
    draft({ measurement: at95(-1.02, 0.03), rule: slopeRule }),
    draft({ measurement: at95(-1.0, 0.5), rule: slopeRule }),
    draft({ measurement: at95(-1.0, 0.01), rule: slopeRule, inRegime: false, regimeNote: 'below the crossover' }),
  ]);
  assert.is(tight!.outcome, 'disagrees');
  assert.is(good!.outcome, 'agrees');
  assert.is(wide!.outcome, 'not resolved');
  assert.is(outOfRegime!.outcome, 'not resolved');
  // the p-values reproduce the interval: an edge exactly at the band edge is p = 0.05
  const edge = finaliseVerdicts([draft({ measurement: { estimate: -1, lower: -1.1, upper: -0.95, level: 0.95 }, rule: slopeRule })])[0]!;
  assert.ok(Math.abs(edge.pAgree - 0.05) < 1e-9, `pAgree ${edge.pAgree}`);
  // power: δ + (z_{0.975} + z_{0.8})·s for a descriptive row
  const s = 0.03 / normalQuantile(0.975);
  assert.ok(Math.abs(good!.detectable - (0.1 + (normalQuantile(0.975) + normalQuantile(0.8)) * s)) < 1e-12);
});

test('one-sided rules: ≤ b agrees below, disagrees above, not resolved across; ≥ b the mirror', () => {
  const v = finaliseVerdicts([
    draft({ measurement: at95(-3, 0.5), rule: { kind: 'atMost', bound: -1.8 } }),
    draft({ measurement: at95(-1, 0.2), rule: { kind: 'atMost', bound: -1.8 } }),
    draft({ measurement: at95(-1.8, 0.2), rule: { kind: 'atMost', bound: -1.8 } }),
    draft({ measurement: at95(-1, 0.2), rule: { kind: 'atLeast', bound: -1.8 } }),
  ]);
  assert.equal(v.map((x) => x.outcome), ['agrees', 'disagrees', 'not resolved', 'agrees']);
});

test('Holm: adjusted p-values by hand; in a family with one true effect only that one is decided, a lone p = 0.03 is withheld', () => {
  const adj = holmAdjust([0.01, 0.04, 0.03, 0.5]);
  [0.04, 0.09, 0.09, 0.5].forEach((e, k) => assert.ok(Math.abs(adj[k]! - e) < 1e-12, `${adj[k]} vs ${e}`));
  const z = normalQuantile(0.975);
  // raw two-sided p of "inside the band" ≈ 0.03 for the second: lower end just above θ + δ at 97%
  const family = finaliseVerdicts([
    draft({ role: 'primary', measurement: at95(-0.5, 0.05), rule: slopeRule }), // a true effect: far outside
    draft({ role: 'primary', measurement: { estimate: -0.8, lower: -0.8 - (0.1 / 2.17) * z, upper: -0.7, level: 0.95 }, rule: slopeRule }),
    draft({ role: 'primary', measurement: at95(-1, 0.3), rule: slopeRule }),
    draft({ role: 'primary', measurement: at95(-1, 0.3), rule: slopeRule }),
    draft({ role: 'primary', measurement: at95(-1, 0.3), rule: slopeRule }),
  ]);
  assert.ok(family[1]!.pDisagree < 0.05 && family[1]!.pDisagree > 0.02, `raw p ${family[1]!.pDisagree}`);
  assert.equal(family.map((v) => v.outcome), ['disagrees', 'not resolved', 'not resolved', 'not resolved', 'not resolved']);
  assert.ok(family.every((v) => v.familySize === 5));
  // alone (a family of one) the same row is decided
  assert.is(finaliseVerdicts([draft({ ...family[1]!, role: 'primary' })])[0]!.outcome, 'disagrees');
});

/** What a synthetic ensemble is made of: the two-term law per time, the noise's shape, an SGD quench, a prediction. */
interface SyntheticLaw {
  /** `P(t)`; `E‖f_n(t) − f₀(t)‖² = P(t)/n + Q/n²` exactly. */
  readonly P: (t: number) => number;
  readonly Q?: number;
  /** 'normal', or 'exponential' (centred Exp(1): skewness 2, excess kurtosis 6) for a non-Gaussian fluctuation. */
  readonly shape?: 'normal' | 'exponential';
  /** SGD members: the batch noise with the quench is this fraction of the noise without. */
  readonly quenchRatio?: number;
  /** A prediction record with this `P(t)` (spread evenly over modes 1–5), or none. */
  readonly predictedP?: (t: number) => number;
}

/**
 * A synthetic study: members with `f̂_n = f₀ + noise` where the noise of modes 1..5 makes
 * `E‖f_n − f₀‖² = P(t)/n + Q/n²` exactly; the reference `f₀` is the target.
 */
function synthetic(spec: StudySpec, law: SyntheticLaw): { reference: StudyReference; members: MemberResult[] } {
  const problem = createTorusProblem(spec.problem);
  const M = problem.M;
  const f0 = createSpectrum(M);
  f0.re.set(problem.fhat.re);
  f0.im.set(problem.fhat.im);
  const rng = new Rng(spec.seed, 99);
  const draw = (): number => (law.shape === 'exponential' ? -Math.log(1 - rng.uniform()) - 1 : rng.normal());
  const members: MemberResult[] = [];
  for (const n of spec.ns) {
    for (let r = 0; r < spec.seeds; r++) {
      const fhat = spec.times.map((t) => {
        const s = Math.sqrt((law.P(t) / n + (law.Q ?? 0) / (n * n)) / 20);
        const f = createSpectrum(M);
        for (let m = 0; m <= M; m++) {
          f.re[m] = f0.re[m]! + (m >= 1 && m <= 5 ? s * draw() : 0);
          f.im[m] = f0.im[m]! + (m >= 1 && m <= 5 ? s * draw() : 0);
        }
        return f;
      });
      const noise = spec.times.map((t) => (t === 0 ? 0 : (1 + 0.3 * rng.normal() ** 2) / n));
      // the loss ½‖f_n − f‖² (f₀ = f here, so ℓ(f₀) = 0)
      const loss = fhat.map((f) => {
        let e = 0;
        for (let m = 0; m <= M; m++) e += (m === 0 ? 0.5 : 1) * ((f.re[m]! - f0.re[m]!) ** 2 + (f.im[m]! - f0.im[m]!) ** 2);
        return e;
      });
      members.push({
        n, r, fhat, loss, w1y: [], w1c: [], binnedL1: [], seconds: 0,
        ...(spec.sgd ? { sgdNoise: noise.map((v) => v * (law.quenchRatio ?? 1)), sgdNoiseUnquenched: noise } : {}),
      });
    }
  }
  const predicted = law.predictedP;
  const reference: StudyReference = {
    fhat: spec.times.map(() => f0), loss: spec.times.map(() => 0), squaredErrorBound: spec.times.map(() => 0),
    marginals: null, density: null, gridOutflow: 0, seconds: 0,
    prediction: predicted ? {
      settings: { ny: 0, nc: 0, dt: 0, check: null }, times: spec.times, total: spec.times.map(predicted),
      perMode: spec.times.map((t) => Array.from({ length: M + 1 }, (_, m) => (m >= 1 && m <= 5 ? predicted(t) / 5 : 0))),
      checkTotal: null, linearRegime: null, seconds: 0,
    } : null,
  };
  return { reference, members };
}

const base: StudySpec = {
  claims: ['clt', 'healing', 'lln'],
  problem: { unit: 'vonmises:2', target: 'cos(x)', modeTolerance: 1e-14, maxModes: 512 },
  law: { cMean: 0, sigmaC: 1 },
  ns: [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384],
  seeds: 64,
  seed: 5,
  times: [0, 1],
  dt: 0.05,
  reference: { ny: 32, nc: 12, check: { ny: 48, nc: 16 } },
  density: null,
  bootstrap: { replicates: 400, level: 0.95 },
};

test('synthetic pure P/n: the CLT slope agrees at fixed t, and the Prop. 3.3 rule on the same fixed-t ladder disagrees', () => {
  const schedules = { lambda: 1, lambdaSource: 'test', schedules: [{ kind: 'powerLog', kappa: 0.5, power: 1.5 } as const] };
  // the gapped unit: its linearised fluctuation heals along a_n, so the row is in the proposition's regime
  const spec: StudySpec = {
    ...base, claims: ['clt'], problem: { ...base.problem, unit: 'expr:1 + 2*cos(u) + 2*cos(2*u)' },
    ns: [64, 256, 1024, 4096, 16384], seeds: 256, schedules, times: scheduleTimes(schedules, [64, 256, 1024, 4096, 16384], [0, 1]),
  };
  const { reference, members } = synthetic(spec, { P: () => 1 });
  const a = analyseStudy(spec, reference, members);
  assertOutcomesFollowRules(a.verdicts);
  const clt = a.verdicts.find((v) => v.claim.startsWith('CLT: slope') && v.t === 1)!;
  assert.is(clt.outcome, 'agrees', JSON.stringify(clt.measurement));
  // the noise does not depend on time: along a_n the error is still P/n, which Prop. 3.3 excludes
  const p33 = a.verdicts.find((v) => v.claim.startsWith('Prop. 3.3: E‖f_n(a_n) − f‖²'))!;
  assert.is(p33.role, 'primary');
  assert.is(p33.outcome, 'disagrees', JSON.stringify(p33.measurement));
});

test('synthetic P/n + Q/n² (n× = 200): the full-ladder slope is steeper than −1, yet no verdict calls it healed or a disagreement; the fit recovers P and Q', () => {
  const spec: StudySpec = { ...base, times: [0, 1] };
  const { reference, members } = synthetic(spec, { P: () => 1, Q: 200 });
  const a = analyseStudy(spec, reference, members);
  assertOutcomesFollowRules(a.verdicts);
  const full = a.slopes.find((s) => s.quantity === 'mse' && s.t === 1)!;
  assert.ok(full.upper < -1.1, `full-ladder slope ${full.estimate} [${full.lower}, ${full.upper}]: curvature`);
  const clt = a.verdicts.find((v) => v.claim.startsWith('CLT: slope') && v.t === 1)!;
  assert.not.equal(clt.outcome, 'disagrees', JSON.stringify(clt));
  const fit = a.twoTerm.find((f) => f.t === 1)!;
  assert.ok(fit.P.lower <= 1 && fit.P.upper >= 1, `P [${fit.P.lower}, ${fit.P.upper}]`);
  assert.ok(fit.Q.lower <= 200 && fit.Q.upper >= 200, `Q [${fit.Q.lower}, ${fit.Q.upper}]`);
  assert.ok(fit.crossover.lower <= 200 && fit.crossover.upper >= 200, `n× [${fit.crossover.lower}, ${fit.crossover.upper}]`);
});

test('two-term fit: exact data give P and Q exactly; too few rungs are refused', () => {
  const ns = [16, 32, 64, 128];
  const values = ns.map((n) => Float64Array.from([0.9, 1, 1.1], (x) => x * (2 / n + 30 / (n * n))));
  const f = bootstrapTwoTermFit(ns, values, { seed: 1, replicates: 200 });
  assert.ok(Math.abs(f.P.estimate - 2) < 1e-12 && Math.abs(f.Q.estimate - 30) < 1e-10);
  assert.throws(() => bootstrapTwoTermFit(ns.slice(0, 2), values.slice(0, 2), { seed: 1 }), /need ≥ 3/);
});

test('synthetic SGD run whose "quench" changes nothing: the quench verdict does not agree; a real reduction agrees', () => {
  const spec: StudySpec = { ...base, claims: ['sgd', 'lln'], ns: [32, 64, 128, 256], seeds: 32, times: [0, 1, 2], sgd: { alpha: 0.5, quench: { at: 1, alpha: 1 } } };
  const same = synthetic(spec, { P: () => 1, quenchRatio: 1 });
  const none = analyseStudy(spec, same.reference, same.members).verdicts.find((v) => v.claim.includes('quench'))!;
  assert.is.not(none.outcome, 'agrees');
  const lower = synthetic(spec, { P: () => 1, quenchRatio: 0.2 });
  const quenched = analyseStudy(spec, lower.reference, lower.members);
  assertOutcomesFollowRules(quenched.verdicts);
  assert.is(quenched.verdicts.find((v) => v.claim.includes('quench'))!.outcome, 'agrees');
  // the synthetic batch noise is ∝ 1/n = n^(−2α) at α = 0.5
  const noise = quenched.verdicts.find((v) => v.claim.startsWith('SGD: batch noise') && v.role === 'primary')!;
  assert.is(noise.outcome, 'agrees', JSON.stringify(noise.measurement));
});

test('real run: every verdict follows its rule; LLN agrees; the t = 0 CLT slope of a small study agrees', async () => {
  const spec: StudySpec = {
    ...base, problem: { ...base.problem, target: 'cos(x) + 0.6*sin(2*x)' }, claims: ['clt', 'lln'],
    ns: [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192], seeds: 128, seed: 1, times: [0], bootstrap: { replicates: 1000, level: 0.95 },
  };
  const { analysis } = await runStudy(spec, { workers: 2 });
  assertOutcomesFollowRules(analysis.verdicts);
  const clt = analysis.verdicts.find((v) => v.claim.startsWith('CLT: slope') && v.t === 0)!;
  assert.is(clt.role, 'primary');
  assert.is(clt.outcome, 'agrees', JSON.stringify(clt.measurement));
  const lln = analysis.verdicts.find((v) => v.claim.startsWith('LLN: E‖f_n − f₀‖²') && v.role === 'primary')!;
  assert.is(lln.outcome, 'agrees');
  // the family was declared from the spec alone: every primary row comes from a declared line
  const declared = declarePrimaryVerdicts(spec);
  for (const v of analysis.verdicts.filter((x) => x.role === 'primary')) {
    assert.ok(declared.some((d) => d.startsWith(v.proposition)), `${v.claim} is primary but ${v.proposition} declared nothing`);
  }
  assert.is(declared.length, 3, declared.join('\n'));
});

test('Gaussianity: a skewed fluctuation disagrees; a Gaussian one with enough seeds to see |skewness| < 0.5 agrees', () => {
  const spec: StudySpec = { ...base, claims: ['clt'], ns: [256, 1024, 4096], seeds: 800, times: [0, 1] };
  const decide = (shape: 'normal' | 'exponential'): Verdict => {
    const { reference, members } = synthetic(spec, { P: () => 1, shape });
    const a = analyseStudy(spec, reference, members);
    assertOutcomesFollowRules(a.verdicts);
    return a.verdicts.find((v) => v.claim.startsWith('CLT: √n'))!;
  };
  const skewed = decide('exponential');
  assert.is(skewed.outcome, 'disagrees', JSON.stringify(skewed.measurement));
  const gaussian = decide('normal');
  assert.is(gaussian.outcome, 'agrees', `${JSON.stringify(gaussian.measurement)} pAgree ${gaussian.pAgree}`);
  assert.ok(gaussian.detectable < 1, `detects skewness ${gaussian.detectable}`);
});

test('prefactor and f½ → 0: the right prediction agrees, twice it disagrees, a prefactor that grows where a fall is predicted disagrees', () => {
  const spec: StudySpec = { ...base, claims: ['clt', 'healing'], ns: [64, 256, 1024, 4096], seeds: 200, times: [0, 1, 2] };
  const falling = (t: number): number => 0.2 * Math.exp(-t);
  const rows = (P: (t: number) => number, predictedP: (t: number) => number): Verdict[] => {
    const { reference, members } = synthetic(spec, { P, predictedP });
    const a = analyseStudy(spec, reference, members);
    assertOutcomesFollowRules(a.verdicts);
    return a.verdicts;
  };
  const right = rows(falling, falling);
  assert.equal(right.filter((v) => v.claim.startsWith('CLT prefactor')).map((v) => v.outcome), ['agrees', 'agrees', 'agrees']);
  const decay = right.find((v) => v.claim.startsWith('healing: f½'))!;
  assert.is(decay.role, 'primary');
  assert.is(decay.outcome, 'agrees', JSON.stringify(decay.measurement));
  const twice = rows(falling, (t) => 2 * falling(t));
  assert.equal(twice.filter((v) => v.claim.startsWith('CLT prefactor')).map((v) => v.outcome), ['disagrees', 'disagrees', 'disagrees']);
  const growing = rows((t) => 0.2 * Math.exp(t), falling);
  assert.is(growing.find((v) => v.claim.startsWith('healing: f½'))!.outcome, 'disagrees');
});

test('Prop. 3.3: a fluctuation that decays along a_n (gapped unit) agrees; the fixed-t control keeps n^-1', () => {
  const schedules = { lambda: 1, lambdaSource: 'test', schedules: [{ kind: 'powerLog', kappa: 0.5, power: 1.5 } as const, { kind: 'fixed', t: 2 } as const] };
  const ns = [64, 256, 1024, 4096, 16384];
  const spec: StudySpec = {
    ...base, claims: ['healing'], problem: { ...base.problem, unit: 'expr:1 + 2*cos(u) + 2*cos(2*u)' },
    ns, seeds: 64, schedules, times: scheduleTimes(schedules, ns, [0]),
  };
  const { reference, members } = synthetic(spec, { P: (t) => Math.exp(-2 * t) });
  const a = analyseStudy(spec, reference, members);
  assertOutcomesFollowRules(a.verdicts);
  for (const v of a.verdicts.filter((x) => x.proposition.startsWith('Prop. 3.3 (') && x.role === 'primary')) {
    assert.is(v.outcome, 'agrees', `${v.claim}: ${JSON.stringify(v.measurement)}`);
  }
  const control = a.verdicts.find((v) => v.claim.startsWith('control'))!;
  assert.is(control.outcome, 'agrees', JSON.stringify(control.measurement));
});

test('liouville compare asymptotic: the schedules become recorded times, the result holds the Prop. 3.3 rows and the declared family; its flags belong to it alone', async () => {
  const out = tempDir('liouville-asymptotic-');
  try {
    const gapped = ['--unit', 'expr:1 + 2*cos(u) + 2*cos(2*u)', '--target', 'cos(x) + 0.6*sin(2*x)'];
    for (const [argv, pattern] of [
      [['all', '--lambda', '1'], /--lambda .*applies to compare asymptotic only/],
      [['asymptotic', '--kappa', 'half'], /kappa/],
      [['asymptotic', '--power', '1'], /power/],
    ] as const) {
      const r = await runInProcess(['compare', ...argv, ...gapped, '--n', '16,32,64', '--seeds', '3', '--density', 'none', '--out', out, '--quiet']);
      assert.is(r.status, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, pattern);
    }
    assert.not.ok(existsSync(join(out, 'compare-asymptotic.json')));
    const r = await runInProcess(['compare', 'asymptotic', ...gapped, '--lambda', '1', '--n', '16,32,64', '--seeds', '6', '--density', 'none',
      '--reference-method', 'lagrangian', '--reference', '32x12', '--reference-check', '48x16', '--bootstrap', '200', '--workers', '0', '--out', out, '--quiet']);
    assert.is(r.status, 0, r.stderr);
    const result = JSON.parse(readFileSync(join(out, 'compare-asymptotic.json'), 'utf8'));
    const a = result.analysis.asymptotic;
    // κ = 0.5, 2 times 1/(2λ) = 0.5; (log n)^1.5/(2λ); the control at 0.5·(log 16)^1.5 = 2.308
    assert.equal(a.schedules.map((s: { text: string }) => s.text), ['a_n = 0.250·log n', 'a_n = 1.00·log n', 'a_n = 0.500·(log n)^1.5', 'a_n = 2.308 (fixed)']);
    for (const s of a.schedules) for (const t of s.times) assert.ok(result.spec.times.includes(t), `a_n = ${t} is recorded`);
    assert.is(result.declaredPrimary.filter((d: string) => d.startsWith('Prop. 3.3')).length, 2);
    const rows = result.analysis.verdicts.filter((v: { role: string; proposition: string }) => v.role === 'primary' && v.proposition.startsWith('Prop. 3.3'));
    assert.is(rows.length, 2);
    // reanalyse: the stored members and reference decide the same verdicts again, without a rerun
    const again = join(out, 'again.json');
    assert.is((await runInProcess(['reanalyse', join(out, 'compare-asymptotic.json'), '--out', again, '--quiet'])).status, 0);
    const redone = JSON.parse(readFileSync(again, 'utf8'));
    assert.is(JSON.stringify(redone.analysis), JSON.stringify(result.analysis));
    assert.is(JSON.stringify(redone.members), JSON.stringify(result.members));
    const bad = await runInProcess(['reanalyse', join(out, 'missing.json')]);
    assert.is(bad.status, 2);
    assert.match(bad.stderr, /missing\.json: cannot read it/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
