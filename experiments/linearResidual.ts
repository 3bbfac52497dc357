/**
 * How much of each member's fluctuation the linearised flow leaves unexplained: from a stored
 * compare result, per time and rung, `n·E‖f_n − f₀‖²` (X), `n·E‖δ_lin‖²` (Y) and the residual
 * `n·E‖f_n − f₀ − δ_lin‖²` (R), with δ_lin recomputed per member, complex per mode, from the
 * stored influence at the member's own initial particles (as `compare/torus/linearControl.ts`).
 *
 * Why: Prop. 3.2's Gaussian limit follows if `√n δ_lin` (a normalised i.i.d. sum, Gaussian by the
 * classical CLT) carries the whole fluctuation, i.e. if `R → 0`; the residual should fall as `1/n`
 * (the second-order term). This decides whether a Gaussianity row built on R would have power where
 * the skewness of `√n (f_n − f₀)` has none. Also printed at the top rung: the sample skewness of
 * `Re √n (f̂_n,m − f̂₀,m)` and of `Re √n δ̂_lin,m` for m = 1, 2 (the linear part's skewness is the
 * i.i.d. mean's, of order n^{-1/2}).
 *
 * `--predict NYxNC` recomputes the influence on that prediction grid (the stored one otherwise), to
 * see whether a floor in R is the influence's resolution.
 *
 *   npx tsx experiments/linearResidual.ts results/vonmises2/compare-all.json [--predict 128x48]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  computeCltPrediction, memberFromRecord, memberStream, referenceFromRecord, type MemberRecord, type MemberResult, type StoredReference, type StudySpec,
} from '../compare/index.ts';
import { createTorusProblem, parsevalWeight, Rng, sampleInitialLaw } from '../model/index.ts';
import { InfluenceInterpolant } from '../solver/index.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { predict: { type: 'string' } } });
const file = positionals[0];
const grid = values.predict?.match(/^(\d+)x(\d+)$/);
if (!file || (values.predict !== undefined && !grid)) {
  process.stderr.write('usage: tsx experiments/linearResidual.ts <compare-*.json> [--predict NYxNC]\n');
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, 'utf8')) as { spec: StudySpec; reference: StoredReference; members: MemberRecord[]; package?: { commit?: string | null } };
const spec = data.spec;
const reference = referenceFromRecord(data.reference);
const stored = reference.prediction;
const record = grid && stored
  ? computeCltPrediction(createTorusProblem(spec.problem), spec.law, spec.times, { ...stored.settings, ny: Number(grid[1]), nc: Number(grid[2]), check: null },
    (done, total, what) => process.stderr.write(`\r${what}: ${done}/${total}`)).influence
  : stored?.influence;
if (!record) {
  process.stderr.write(`${file}: the result has no influence record (no prediction, or σ_c = 0): nothing to compare\n`);
  process.exit(1);
}
const M = createTorusProblem(spec.problem).M;
const interpolant = new InfluenceInterpolant(record);
const T = spec.times.length;
const out = Array.from({ length: T }, () => new Float64Array(2 * (M + 1)));
const members = data.members.map(memberFromRecord);
const byN = spec.ns.map((n) => members.filter((m) => m.n === n).sort((a, b) => a.r - b.r));

const skewness = (x: readonly number[]): number => {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  let m2 = 0;
  let m3 = 0;
  for (const v of x) {
    m2 += (v - mean) ** 2;
    m3 += (v - mean) ** 3;
  }
  m2 /= x.length;
  m3 /= x.length;
  return m3 / m2 ** 1.5;
};

console.log(`${file} (code ${data.package?.commit ?? 'unknown'}): problem ${JSON.stringify(spec.problem)}, seeds ${spec.seeds}, ns ${spec.ns.join(',')}`);
console.log(`influence on the prediction grid ${grid ? `${grid[1]}×${grid[2]} (recomputed)` : `${stored!.settings.ny}×${stored!.settings.nc} (stored)`}`);
console.log('t        n  X=n·E‖f_n−f₀‖²  Y=n·E‖δ_lin‖²  R=n·E‖f_n−f₀−δ_lin‖²  R/X        corr(X,Y)');
const rows: { t: number; n: number; R: number }[] = [];
const topSkew: string[] = [];
spec.times.forEach((t, k) => {
  byN.forEach((list: MemberResult[], ni) => {
    const n = spec.ns[ni]!;
    const y = new Float64Array(n);
    const c = new Float64Array(n);
    const xs: number[] = [];
    const ys: number[] = [];
    const rs: number[] = [];
    const fluct: number[][] = [[], []];
    const lin: number[][] = [[], []];
    for (const mem of list) {
      sampleInitialLaw(spec.law, n, new Rng(spec.seed, memberStream(n, mem.r)), y, c);
      interpolant.linearResponses(y, c, n, out);
      const d = out[k]!;
      const f = mem.fhat[k]!;
      const f0 = reference.fhat[k]!;
      let x = 0;
      let yy = 0;
      let rr = 0;
      for (let m = 0; m <= M; m++) {
        const w = parsevalWeight(m);
        const dre = f.re[m]! - f0.re[m]!;
        const dim = f.im[m]! - f0.im[m]!;
        x += w * (dre * dre + dim * dim);
        yy += w * (d[2 * m]! ** 2 + d[2 * m + 1]! ** 2);
        rr += w * ((dre - d[2 * m]!) ** 2 + (dim - d[2 * m + 1]!) ** 2);
        if ((m === 1 || m === 2) && ni === byN.length - 1) {
          fluct[m - 1]!.push(Math.sqrt(n) * dre);
          lin[m - 1]!.push(Math.sqrt(n) * d[2 * m]!);
        }
      }
      xs.push(n * x);
      ys.push(n * yy);
      rs.push(n * rr);
    }
    const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    const X = mean(xs);
    const Y = mean(ys);
    const R = mean(rs);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    xs.forEach((v, i) => {
      sxy += (v - X) * (ys[i]! - Y);
      sxx += (v - X) ** 2;
      syy += (ys[i]! - Y) ** 2;
    });
    rows.push({ t, n, R });
    console.log(`${String(t).padEnd(4)} ${String(n).padStart(5)}  ${X.toExponential(4).padStart(13)}  ${Y.toExponential(4).padStart(12)}  ${R.toExponential(4).padStart(20)}  ${(R / X).toExponential(3).padStart(9)}  ${(sxy / Math.sqrt(sxx * syy)).toFixed(5)}`);
    if (ni === byN.length - 1) {
      for (const m of [1, 2]) {
        if (m <= M) topSkew.push(`t = ${t}, n = ${n}, mode ${m}: skewness of Re √n(f̂_n − f̂₀) ${skewness(fluct[m - 1]!).toFixed(3)}, of Re √n δ̂_lin ${skewness(lin[m - 1]!).toFixed(3)}`);
      }
    }
  });
});
console.log('\nslope of R in n per time (least squares on log R against log n; theory −1: the residual is second order):');
for (const t of spec.times) {
  const pts = rows.filter((r) => r.t === t && r.R > 0);
  if (pts.length < 2) continue;
  const lx = pts.map((p) => Math.log(p.n));
  const ly = pts.map((p) => Math.log(p.R));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((v, i) => {
    num += (v - mx) * (ly[i]! - my);
    den += (v - mx) ** 2;
  });
  console.log(`  t = ${t}: ${(num / den).toFixed(3)}`);
}
console.log('\nat the top rung:');
for (const line of topSkew) console.log(`  ${line}`);
