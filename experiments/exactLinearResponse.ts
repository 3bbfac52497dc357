/**
 * How much better a member's linear part δ_lin is with the influence exact at its own particles
 * (`solver/linearResponseTransport.ts`, which the tests check against a central difference of the
 * weighted Lagrangian solve) than interpolated off the prediction's nodes: per time, at the chosen
 * rung, R = n·E‖f_n − f₀ − δ_lin‖² for both, and the variance reduction each gives.
 *
 *   npx tsx experiments/exactLinearResponse.ts results/vonmises2/compare-all.json --n 4096 --seeds 12 [--grid 64x64] [--dt 0.2]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { memberFromRecord, memberStream, referenceFromRecord, type MemberRecord, type StoredReference, type StudySpec } from '../compare/index.ts';
import { average } from '../compare/statistics/sampleStatistics.ts';
import { createTorusProblem, parsevalWeight, Rng, sampleInitialLaw } from '../model/index.ts';
import { InfluenceInterpolant, predictCltPrefactorWithTransport } from '../solver/index.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { n: { type: 'string' }, seeds: { type: 'string' }, grid: { type: 'string' }, dt: { type: 'string' } } });
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
const T = spec.times.length;
const members = data.members.map(memberFromRecord).filter((m) => m.n === n).slice(0, S);
const interp = new InfluenceInterpolant(reference.prediction!.influence!);
const { transport } = predictCltPrefactorWithTransport(problem, spec.law, { ny, nc, times: spec.times, dt });

const y = new Float64Array(n), c = new Float64Array(n);
const xs = spec.times.map(() => new Float64Array(members.length));
const re = spec.times.map(() => new Float64Array(members.length));
const ri = spec.times.map(() => new Float64Array(members.length));
const dx = spec.times.map(() => new Float64Array(members.length));
const di = spec.times.map(() => new Float64Array(members.length));
const out = Array.from({ length: T }, () => new Float64Array(2 * (M + 1)));
const exact = Array.from({ length: T }, () => new Float64Array(2 * (M + 1)));
members.forEach((mem, s) => {
  sampleInitialLaw(spec.law, n, new Rng(spec.seed, memberStream(n, mem.r)), y, c);
  interp.linearResponses(y, c, n, out);
  transport.linearResponses(y, c, n, exact);
  for (let k = 0; k < T; k++) {
    const f = mem.fhat[k]!, f0 = reference.fhat[k]!;
    let x = 0, rE = 0, rI = 0, dE = 0, dI = 0;
    for (let m = 0; m <= M; m++) {
      const wm = parsevalWeight(m);
      const a = f.re[m]! - f0.re[m]!, b = f.im[m]! - f0.im[m]!;
      const ea = exact[k]![2 * m]!, eb = exact[k]![2 * m + 1]!;
      const ia = out[k]![2 * m]!, ib = out[k]![2 * m + 1]!;
      x += wm * (a * a + b * b);
      rE += wm * ((a - ea) ** 2 + (b - eb) ** 2);
      rI += wm * ((a - ia) ** 2 + (b - ib) ** 2);
      dE += wm * (ea * ea + eb * eb); dI += wm * (ia * ia + ib * ib);
    }
    xs[k]![s] = n * x; re[k]![s] = n * rE; ri[k]![s] = n * rI; dx[k]![s] = n * dE; di[k]![s] = n * dI;
  }
});
const variance = (v: Float64Array): number => { const m = average(v); let s = 0; for (const x of v) s += (x - m) ** 2; return s / (v.length - 1); };
const diff = (a: Float64Array, b: Float64Array): Float64Array => a.map((x, i) => x - b[i]!);
console.log(`${file}: n = ${n}, ${members.length} seeds, exact δ_lin transported through the ${ny}×${nc} flow at dt ${dt}`);
console.log('t      X          R exact    R interp   VarX/Var(X−Y) exact  interp');
spec.times.forEach((t, k) => {
  console.log(`${String(t).padEnd(5)} ${average(xs[k]!).toExponential(3)}  ${average(re[k]!).toExponential(3)}  ${average(ri[k]!).toExponential(3)}  ${(variance(xs[k]!) / variance(diff(xs[k]!, dx[k]!))).toExponential(3)}  ${(variance(xs[k]!) / variance(diff(xs[k]!, di[k]!))).toExponential(3)}`);
});
