/**
 * How much better a member's linear part δ_lin would be if the influence were evaluated exactly at
 * its own particles instead of interpolated off the prediction's nodes: δ_lin by a central
 * difference, in ε, of the weighted Lagrangian solve of ρ_in + ε(μ_n − ρ_in) (nodes with weights
 * (1 − ε)W_k, the member's n initial particles with weights ε/n). Prints per time, at the chosen
 * rung, R = n·E‖f_n − f₀ − δ_lin‖² for the exact δ_lin and for the stored interpolant's, and the
 * variance reduction each gives.
 *
 *   npx tsx experiments/exactLinearResponse.ts results/vonmises2/compare-all.json --n 4096 --seeds 12 [--grid 64x64]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { memberFromRecord, memberStream, referenceFromRecord, type MemberRecord, type StoredReference, type StudySpec } from '../compare/index.ts';
import { average } from '../compare/statistics/sampleStatistics.ts';
import { createTorusProblem, parsevalWeight, Rng, sampleInitialLaw } from '../model/index.ts';
import { createWeightedPotentialBuffers, InfluenceInterpolant, normalQuadrature, RungeKutta8, weightedPotential } from '../solver/index.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { n: { type: 'string' }, seeds: { type: 'string' }, grid: { type: 'string' }, dt: { type: 'string' }, eps: { type: 'string' } } });
const file = positionals[0]!;
const data = JSON.parse(readFileSync(file, 'utf8')) as { spec: StudySpec; reference: StoredReference; members: MemberRecord[] };
const spec = data.spec;
const reference = referenceFromRecord(data.reference);
const problem = createTorusProblem(spec.problem);
const M = problem.M;
const n = Number(values.n ?? spec.ns[spec.ns.length - 1]);
const S = Number(values.seeds ?? 8);
const [ny, nc] = (values.grid ?? '64x64').split('x').map(Number) as [number, number];
const dt = Number(values.dt ?? 0.2);
const eps = Number(values.eps ?? 1e-2);
const T = spec.times.length;
const members = data.members.map(memberFromRecord).filter((m) => m.n === n).slice(0, S);
const interp = new InfluenceInterpolant(reference.prediction!.influence!);
const N = ny * nc;
const count = N + n;
const rule = normalQuadrature(spec.law.cMean, spec.law.sigmaC, nc);

function solve(y0: Float64Array, c0: Float64Array, e: number): Float64Array[] {
  const w = new Float64Array(count);
  const st = new Float64Array(2 * count);
  for (let l = 0; l < nc; l++) for (let i = 0; i < ny; i++) {
    const k = l * ny + i;
    st[k] = (2 * Math.PI * i) / ny; st[count + k] = rule.nodes[l]!; w[k] = (1 - e) * rule.weights[l]! / ny;
  }
  for (let i = 0; i < n; i++) { st[N + i] = y0[i]!; st[count + N + i] = c0[i]!; w[N + i] = e / n; }
  const buf = createWeightedPotentialBuffers(count, M);
  const field = (s: Float64Array, out: Float64Array): void => {
    weightedPotential(problem, s.subarray(0, count), s.subarray(count), w, count, buf);
    for (let k = 0; k < count; k++) { out[k] = -s[count + k]! * buf.dU[k]!; out[count + k] = -buf.U[k]!; }
  };
  const rk = new RungeKutta8(field, 2 * count);
  const res: Float64Array[] = [];
  let t = 0;
  for (const T1 of spec.times) {
    while (t < T1 - 1e-12) { const h = Math.min(dt, T1 - t); rk.step(st, h); t = T1 - t - h < 1e-12 ? T1 : t + h; }
    weightedPotential(problem, st.subarray(0, count), st.subarray(count), w, count, buf);
    const f = new Float64Array(2 * (M + 1));
    for (let m = 0; m <= M; m++) {
      const ar = buf.moments.re[m]!, ai = buf.moments.im[m]!, pr = problem.psihat.re[m]!, pi = problem.psihat.im[m]!;
      f[2 * m] = pr * ar - pi * ai; f[2 * m + 1] = pr * ai + pi * ar;
    }
    res.push(f);
  }
  return res;
}

const y = new Float64Array(n), c = new Float64Array(n);
const xs = spec.times.map(() => new Float64Array(members.length));
const re = spec.times.map(() => new Float64Array(members.length));
const ri = spec.times.map(() => new Float64Array(members.length));
const dx = spec.times.map(() => new Float64Array(members.length));
const di = spec.times.map(() => new Float64Array(members.length));
const out = Array.from({ length: T }, () => new Float64Array(2 * (M + 1)));
members.forEach((mem, s) => {
  sampleInitialLaw(spec.law, n, new Rng(spec.seed, memberStream(n, mem.r)), y, c);
  interp.linearResponses(y, c, n, out);
  const t0 = Date.now();
  const plus = solve(y, c, eps), minus = solve(y, c, -eps);
  for (let k = 0; k < T; k++) {
    const f = mem.fhat[k]!, f0 = reference.fhat[k]!;
    let x = 0, rE = 0, rI = 0, dE = 0, dI = 0;
    for (let m = 0; m <= M; m++) {
      const wm = parsevalWeight(m);
      const a = f.re[m]! - f0.re[m]!, b = f.im[m]! - f0.im[m]!;
      const ea = (plus[k]![2 * m]! - minus[k]![2 * m]!) / (2 * eps), eb = (plus[k]![2 * m + 1]! - minus[k]![2 * m + 1]!) / (2 * eps);
      const ia = out[k]![2 * m]!, ib = out[k]![2 * m + 1]!;
      x += wm * (a * a + b * b);
      rE += wm * ((a - ea) ** 2 + (b - eb) ** 2);
      rI += wm * ((a - ia) ** 2 + (b - ib) ** 2);
      dE += wm * (ea * ea + eb * eb); dI += wm * (ia * ia + ib * ib);
    }
    xs[k]![s] = n * x; re[k]![s] = n * rE; ri[k]![s] = n * rI; dx[k]![s] = n * dE; di[k]![s] = n * dI;
  }
  process.stderr.write(`seed ${mem.r}: ${(Date.now() - t0) / 1000} s\n`);
});
const variance = (v: Float64Array): number => { const m = average(v); let s = 0; for (const x of v) s += (x - m) ** 2; return s / (v.length - 1); };
const diff = (a: Float64Array, b: Float64Array): Float64Array => a.map((x, i) => x - b[i]!);
console.log(`${file}: n = ${n}, ${members.length} seeds, exact δ_lin on ${ny}×${nc} + n characteristics, dt ${dt}, ε ${eps}`);
console.log('t      X          R exact    R interp   VarX/Var(X−Y) exact  interp');
spec.times.forEach((t, k) => {
  console.log(`${String(t).padEnd(5)} ${average(xs[k]!).toExponential(3)}  ${average(re[k]!).toExponential(3)}  ${average(ri[k]!).toExponential(3)}  ${(variance(xs[k]!) / variance(diff(xs[k]!, dx[k]!))).toExponential(3)}  ${(variance(xs[k]!) / variance(diff(xs[k]!, di[k]!))).toExponential(3)}`);
});
