/**
 * What a study prints: its stages and the members' progress on stderr, and its table on stdout
 * (the cells, the reference check, the two-term fits, the healing time, Prop. 3.3's schedules and
 * the verdicts), for `compare`, `merge` and `reanalyse` alike.
 */
import type { StudyOutcome } from '../compare/index.ts';
import { fmt } from '../compare/verdicts/verdict.ts';
import { createProgress, type ProgressOptions } from './progress.ts';
import { verdictTableLines } from './verdictTable.ts';

/**
 * A study's stages as lines on stderr and its members as a progress bar, closed when the next stage
 * begins. The bar starts with the members (its clock leaves the reference out) and measures their
 * work, not their count: a member's work grows with its n, and the largest run first, so a count
 * would promise the rest far too late.
 */
export function memberProgress(quiet: boolean, options: ProgressOptions = {}): {
  stage(what: string): void; start(tasks: readonly { readonly n: number }[]): void; member(n: number): void; finish(): void;
} {
  let bar = createProgress('members', quiet, options);
  let open = false;
  let count = 0;
  let total = 0;
  let work = 0;
  let totalWork = 0;
  const finish = (): void => {
    if (open) bar.finish();
    open = false;
  };
  return {
    stage(what) {
      finish();
      if (!quiet) process.stderr.write(`${what}\n`);
    },
    start(tasks) {
      finish();
      bar = createProgress('members', quiet, options);
      count = 0;
      work = 0;
      total = tasks.length;
      totalWork = tasks.reduce((a, t) => a + t.n, 0);
    },
    member(n) {
      open = true;
      count++;
      work += n;
      bar.update(work, totalWork, `${count}/${total}`);
    },
    finish,
  };
}

/** Below this variance reduction at the largest rung the output suggests `--control transport`. */
const WEAK_REDUCTION = 20;

export function printStudy(outcome: Pick<StudyOutcome, 'spec' | 'analysis'>): void {
  const { spec, analysis } = outcome;
  console.log(`\nstudy: ${spec.problem.unit}, f = ${spec.problem.target}, σ_c = ${spec.law.sigmaC}; n = ${spec.ns.join(',')}; ${spec.seeds} seeds each; t = ${spec.times.join(',')}`);
  if (!spec.schedules) {
    console.log('\n     t        n   n·E‖f_n−f₀‖²   n·Var    bias²/E‖·‖²      loss');
    for (const c of analysis.cells) {
      console.log(`${c.t.toString().padStart(6)} ${c.n.toString().padStart(8)}  ${c.nMse.toExponential(3).padStart(12)}  ${c.nVariance.toExponential(3).padStart(10)}  `
        + `${(c.bias2 / c.mse).toFixed(3).padStart(12)}  ${c.lossMean.toExponential(3).padStart(10)}`);
    }
  }
  console.log('\nreference error (squared, estimated by a finer quadrature) against the smallest measured E‖f_n − f₀‖²:');
  console.log(analysis.referenceCheck.map((r) => `t=${r.t}: ${r.referenceSquaredError.toExponential(1)} vs ${r.smallestMse.toExponential(1)}`).join('; '));
  const cv = analysis.controlVariate;
  if (cv) {
    console.log(cv[0]?.method === 'transport'
      ? '\ncontrol variate ‖δ_lin‖² (the linear response of each member\'s initial particles, transported exactly): E n‖δ_lin‖² = the prediction (its quadrature error is the check\'s), and Var x / Var(x − β̂y) per n'
      : '\ncontrol variate ‖δ_lin‖² (the linear response of each member\'s initial particles): E n‖δ_lin‖² exact, and Var x / Var(x − β̂y) per n');
    for (const r of cv) {
      const note = r.method === 'transport' ? 'the prediction' : `prediction − E = ${r.expectedShortfall.toExponential(1)}`;
      console.log(`  t = ${String(r.t).padStart(5)}: E = ${r.expected.toPrecision(6)} (${note}); variance ÷ `
        + r.reduction.map((x, k) => `${x > 1e12 ? '>1e12' : x.toPrecision(3)} (n=${spec.ns[k]})`).join(', '));
    }
    // where the interpolant loses to phase mixing, the transported responses keep the control (docs/studies.md, Control variates)
    const weak = cv.filter((r) => r.method !== 'transport' && r.reduction[r.reduction.length - 1]! < WEAK_REDUCTION).map((r) => r.t);
    if (weak.length > 0) {
      console.log(`  at t = ${weak.join(', ')} the interpolated control removes less than ${WEAK_REDUCTION}× at the largest n: --control transport evaluates the influence exactly at the particles`);
    }
  }
  const iv = (b: { estimate: number; lower: number; upper: number }): string => `${fmt(b.estimate)} [${fmt(b.lower)}, ${fmt(b.upper)}]`;
  if (analysis.twoTerm.length > 0 && spec.claims.includes('healing') && !spec.schedules) {
    console.log('\nE‖f_n − f₀‖² = P/n + Q/n² per time (weighted least squares, 95% bootstrap over seeds); n× = |Q|/P:');
    for (const f of analysis.twoTerm) {
      console.log(`  t = ${String(f.t).padStart(5)}: P = ${iv(f.P).padEnd(30)} Q = ${iv(f.Q).padEnd(30)} n× = ${f.resolvable ? iv(f.crossover) : '(at the resolution floor)'}`);
    }
  }
  const h = analysis.healingTime;
  if (h && !spec.schedules) {
    const crossed = h.perN.filter((p) => p.t !== null);
    console.log(`\nhealing time t_h(n) (P(t)/n falls below Q(t)/n²): ${crossed.length === 0 ? 'no rung crosses within the recorded times' : crossed.map((p) => `n=${p.n}: ${fmt(p.t!)}`).join(', ')}`
      + `${h.slope === null ? '' : `; slope in log n ${fmt(h.slope)}`}${h.predictedSlope === null ? '' : ` (1/(2λ) = ${fmt(h.predictedSlope)}, λ = ${fmt(h.lambda!)} from the ${h.lambdaSource}`}`
      + `${h.slopeWithQDecay === null ? '' : `; Q decays too, at μ = ${fmt(h.qDecayRate!)}: 1/(2λ − μ) = ${fmt(h.slopeWithQDecay)}`}${h.predictedSlope === null ? '' : ')'}`);
  }
  const a = analysis.asymptotic;
  if (a) {
    console.log(`\nProp. 3.3: λ = ${fmt(a.lambda)}, 1/(2λ) = ${fmt(a.healingScale)} (${a.lambdaSource})`);
    for (const s of a.schedules) {
      console.log(`  ${s.text}: a_n = ${s.times.map(fmt).join(', ')}`);
      console.log(`    E‖f_n(a_n) − f‖²    ${s.meanVsTarget.map((v) => v.toExponential(2)).join('  ')}   slope ${s.vsTarget ? iv(s.vsTarget) : '—'}`);
      console.log(`    E‖f_n(a_n) − f₀‖²   ${s.meanVsF0.map((v) => v.toExponential(2)).join('  ')}   slope ${s.vsF0 ? iv(s.vsF0) : '—'}`);
      console.log(`    ‖f₀(a_n) − f‖²      ${s.meanFieldBias.map((v) => v.toExponential(2)).join('  ')}   slope ${s.meanFieldBiasSlope === null ? '— (at the floor)' : fmt(s.meanFieldBiasSlope)}`);
      console.log(`    per mode, slope of E|f̂_n,m − f̂₀,m|²: ${s.perModeVsF0.map((p) => `m=${p.mode}: ${p.slope ? fmt(p.slope.estimate) : '—'}`).join(', ')}`);
    }
  }
  for (const line of verdictTableLines(analysis.verdicts)) console.log(line);
}
