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
  computeCltPrediction, fitLogLog, gaussianityCheck, memberFromRecord, memberStream, referenceFromRecord, type MemberRecord, type StoredReference, type StudySpec,
} from '../compare/index.ts';
import { average } from '../compare/statistics/sampleStatistics.ts';
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
const R_ = spec.seeds;
const out = Array.from({ length: T }, () => new Float64Array(2 * (M + 1)));
const members = data.members.map(memberFromRecord);
const nMax = spec.ns[spec.ns.length - 1]!;
const y = new Float64Array(nMax);
const c = new Float64Array(nMax);
const top = Math.min(2, M);
// [time][rung] per-seed X, Y, R; [time][mode − 1] per-seed Re √n(f̂_n,m − f̂₀,m) and Re √n δ̂_lin,m at the top rung
const per = (): Float64Array[][] => spec.times.map(() => spec.ns.map(() => new Float64Array(R_)));
const [xs, ys, rs] = [per(), per(), per()];
const fluct = spec.times.map(() => Array.from({ length: top }, () => new Float64Array(R_)));
const lin = spec.times.map(() => Array.from({ length: top }, () => new Float64Array(R_)));
spec.ns.forEach((n, ni) => {
  const list = members.filter((m) => m.n === n);
  if (list.length !== R_) throw new Error(`${file}: ${list.length} members at n = ${n}, the spec has ${R_} seeds`);
  for (const mem of list) {
    // the member's initial particles, drawn again from its stream; one pass gives δ_lin at every time
    sampleInitialLaw(spec.law, n, new Rng(spec.seed, memberStream(n, mem.r)), y, c);
    interpolant.linearResponses(y, c, n, out);
    for (let k = 0; k < T; k++) {
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
        if (m >= 1 && m <= top && n === nMax) {
          fluct[k]![m - 1]![mem.r] = Math.sqrt(n) * dre;
          lin[k]![m - 1]![mem.r] = Math.sqrt(n) * d[2 * m]!;
        }
      }
      xs[k]![ni]![mem.r] = n * x;
      ys[k]![ni]![mem.r] = n * yy;
      rs[k]![ni]![mem.r] = n * rr;
    }
  }
});

const correlation = (a: Float64Array, b: Float64Array): number => {
  const ma = average(a);
  const mb = average(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
};

console.log(`${file} (code ${data.package?.commit ?? 'unknown'}): problem ${JSON.stringify(spec.problem)}, seeds ${spec.seeds}, ns ${spec.ns.join(',')}`);
console.log(`influence on the prediction grid ${grid ? `${grid[1]}×${grid[2]} (recomputed)` : `${stored!.settings.ny}×${stored!.settings.nc} (stored)`}`);
console.log('t        n  X=n·E‖f_n−f₀‖²  Y=n·E‖δ_lin‖²  R=n·E‖f_n−f₀−δ_lin‖²  R/X        corr(X,Y)');
spec.times.forEach((t, k) => {
  spec.ns.forEach((n, ni) => {
    const X = average(xs[k]![ni]!);
    const Y = average(ys[k]![ni]!);
    const R = average(rs[k]![ni]!);
    console.log(`${String(t).padEnd(4)} ${String(n).padStart(5)}  ${X.toExponential(4).padStart(13)}  ${Y.toExponential(4).padStart(12)}  ${R.toExponential(4).padStart(20)}  ${(R / X).toExponential(3).padStart(9)}  ${correlation(xs[k]![ni]!, ys[k]![ni]!).toFixed(5)}`);
  });
});
console.log('\nslope of R in n per time (least squares on log R against log n; theory −1: the residual is second order):');
spec.times.forEach((t, k) => {
  const means = rs[k]!.map((r) => average(r));
  const keep = spec.ns.map((_, ni) => ni).filter((ni) => means[ni]! > 0);
  if (keep.length >= 2) console.log(`  t = ${t}: ${fitLogLog(keep.map((ni) => spec.ns[ni]!), keep.map((ni) => means[ni]!)).slope.toFixed(3)}`);
});
console.log('\nat the top rung:');
spec.times.forEach((t, k) => {
  for (let m = 1; m <= top; m++) {
    const skew = (v: Float64Array): string => gaussianityCheck(v).skewness.toFixed(3);
    console.log(`  t = ${t}, n = ${nMax}, mode ${m}: skewness of Re √n(f̂_n − f̂₀) ${skew(fluct[k]![m - 1]!)}, of Re √n δ̂_lin ${skew(lin[k]![m - 1]!)}`);
  }
});
