import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTorusProblem, evaluateSpectrum, initialDensity, parsevalDistanceSquared, spectrumEnergy, type InitialLaw, type TorusProblem } from '../../model/index.ts';
import {
  bsplineWeights, frozenYFhat, frozenYShift, linearRegimeFhat, prefilterPeriodic, SolverConfigError, SolverOutflowError, solveLagrangian,
  solveRemeshed, splineKernel, type RemeshedStepInfo,
} from '../../solver/index.ts';

const HARD = 'cos(x) + 0.6*sin(2*x)';

function relative(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number {
  return Math.sqrt(parsevalDistanceSquared(a, b) / spectrumEnergy(b));
}

/** `Σ |ρ − ρ_exact(y_i, c_j)| Δy Δc` at the nodes. */
function l1Error(rho: Float64Array, ny: number, nc: number, L: number, exact: (y: number, c: number) => number): number {
  const hy = (2 * Math.PI) / ny;
  const hc = (2 * L) / nc;
  let s = 0;
  for (let j = 0; j < nc; j++) {
    for (let i = 0; i < ny; i++) s += Math.abs(rho[j * ny + i]! - exact((i + 0.5) * hy, -L + (j + 0.5) * hc));
  }
  return s * hy * hc;
}

test('spline kernel: the prefilter inverts the sampled B-spline exactly, weights sum to one, poles are the known ones', () => {
  const k = splineKernel(7);
  // Unser's tabulated poles of the degree-7 B-spline
  const known = [-0.5352804307964382, -0.1225546151923267, -0.009148694809608277];
  known.forEach((z, i) => assert.ok(Math.abs(k.poles[i]! - z) < 1e-14, `pole ${i}: ${k.poles[i]} vs ${z}`));
  for (const q of [3, 5, 7, 9, 11]) {
    const kernel = splineKernel(q);
    const n = 37;
    const d = new Float64Array(n);
    for (let i = -(q - 1) / 2; i <= (q - 1) / 2; i++) d[(i + n) % n] = kernel.samples[Math.abs(i)]!;
    prefilterPeriodic(kernel, d, 0, 1, n);
    d.forEach((v, i) => assert.ok(Math.abs(v - (i === 0 ? 1 : 0)) < 1e-14, `degree ${q}, entry ${i}: ${v}`));
    const w = new Float64Array(q + 1);
    bsplineWeights(0.37, q, w);
    assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-15);
  }
});

// The kernel of order 8 reaches orders 8.1–10 on the exact solutions below (L1 error 1.9e-9 at
// nc = 96 on the rigid shift); the bounds leave one order and a factor 2.5 of margin, and a kernel
// two degrees lower (order 6) fails them.
const EXACT_ORDER = 7;

test('constant target: the density follows the exact rigid shift in c at order ≥ 7 (L1), over many remeshes', () => {
  const law: InitialLaw = { cMean: 0.3, sigmaC: 1 };
  const problem = createTorusProblem({ unit: 'vonmises:2', target: '0.7' });
  const L = 8;
  const T = 10;
  const shift = frozenYShift(problem, law, T).re[0]!;
  const errs = [24, 48, 96].map((nc) => {
    const [s] = solveRemeshed(problem, law, { ny: 32, nc, L, times: [T], recordDensity: true });
    return l1Error(s!.density!.rho, 32, nc, L, (_y, c) => initialDensity({ cMean: law.cMean + shift, sigmaC: 1 }, c));
  });
  const orders = [Math.log2(errs[0]! / errs[1]!), Math.log2(errs[1]! / errs[2]!)];
  assert.ok(orders.every((o) => o >= EXACT_ORDER), `orders ${orders} (L1 errors ${errs})`);
  assert.ok(errs[2]! < 5e-9, `L1 error at nc = 96: ${errs[2]}`);
});

test('frozen-y: the density converges to ρ_in(y, c − s(t, y)) at order ≥ 7 and f₀ matches the exact one', () => {
  const law: InitialLaw = { cMean: 0.2, sigmaC: 1 };
  const problem = createTorusProblem({ unit: 'vonmises:2', target: HARD });
  // wide enough that the shifted Gaussian's tail beyond ±L is below rounding (at L = 8 it is ~1e-9)
  const L = 12;
  const T = 10;
  const shift = frozenYShift(problem, law, T);
  const errs: number[] = [];
  for (const nc of [36, 72, 144]) {
    const [s] = solveRemeshed(problem, law, { ny: 64, nc, L, times: [T], frozenY: true, recordDensity: true });
    errs.push(l1Error(s!.density!.rho, 64, nc, L, (y, c) => initialDensity({ cMean: law.cMean + evaluateSpectrum(shift, y), sigmaC: 1 }, c)));
    if (nc === 144) assert.ok(relative(s!.fhat, frozenYFhat(problem, law, T)) < 1e-12, `f₀ error ${relative(s!.fhat, frozenYFhat(problem, law, T))}`);
  }
  const orders = [Math.log2(errs[0]! / errs[1]!), Math.log2(errs[1]! / errs[2]!)];
  assert.ok(orders.every((o) => o >= EXACT_ORDER), `orders ${orders} (L1 errors ${errs})`);
});

// measured 5.3: the remesh errs at O(h^8) but the distorted lattice between remeshes and the
// interval ∝ h leave a lower observed order on this ladder; 4.5 is the bound with margin
test('full flow: the density converges against finer runs at order ≥ 4.5 (nodes nest under tripling, interval ∝ h), and the negative mass shrinks', () => {
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  const problem = createTorusProblem({ unit: 'vonmises:2', target: HARD });
  const L = 8;
  // the interval shrinks with the cells: at a fixed interval the distorted lattice leaves a ripple that does not (docs/solvers.md)
  const runs = [48, 144, 432].map((n) => solveRemeshed(problem, law, { ny: n, nc: n / 2, L, times: [2], recordDensity: true, tau: (0.3 * 48) / n, substeps: n === 48 ? 3 : 1 })[0]!);
  const fine = runs[2]!.density!;
  const errs = runs.slice(0, 2).map((r) => {
    const d = r.density!;
    const f = fine.ny / d.ny;
    const o = (f - 1) / 2;
    let e = 0;
    for (let j = 0; j < d.nc; j++) for (let i = 0; i < d.ny; i++) e += Math.abs(d.rho[j * d.ny + i]! - fine.rho[(j * f + o) * fine.ny + i * f + o]!);
    return e * ((2 * Math.PI) / d.ny) * ((2 * L) / d.nc);
  });
  const order = Math.log(errs[0]! / errs[1]!) / Math.log(3);
  assert.ok(order >= 4.5, `order ${order} (L1 differences to 432×216: ${errs})`);
  const neg = runs.map((r) => -r.negativeMass);
  assert.ok(neg[2]! < neg[0]! / 1e3, `negative mass ${neg}`);
});

test('agrees with the converged Lagrangian reference to 1e-9 at t = 2 on a smooth problem', () => {
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  const problem = createTorusProblem({ unit: 'vonmises:2', target: '0.5*cos(x) + 0.2*sin(2*x)' });
  const [lag] = solveLagrangian(problem, law, { ny: 192, nc: 48, times: [2] });
  const [lagFine] = solveLagrangian(problem, law, { ny: 256, nc: 64, times: [2] });
  assert.ok(relative(lag!.fhat, lagFine!.fhat) < 1e-12, 'the reference is converged');
  const [s] = solveRemeshed(problem, law, { ny: 128, nc: 64, L: 8, times: [2] });
  const err = relative(s!.fhat, lagFine!.fhat);
  assert.ok(err < 1e-9, `relative error ${err}`);
});

test('mass + outflow is conserved to 1e-12 at every remesh, with and without outflow', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: HARD });
  for (const L of [8, 2.5]) {
    const law: InitialLaw = { cMean: 0, sigmaC: 1 };
    const infos: RemeshedStepInfo[] = [];
    const [s0] = solveRemeshed(problem, law, { ny: 64, nc: 32, L, times: [0] });
    solveRemeshed(problem, law, { ny: 64, nc: 32, L, times: [20] }, { onStep: (i) => infos.push(i) });
    for (const i of infos) assert.ok(Math.abs(i.mass + i.outflow - s0!.mass) < 1e-12, `L = ${L}, t = ${i.t}: mass + outflow − m₀ = ${i.mass + i.outflow - s0!.mass}`);
    const out = infos[infos.length - 1]!.outflow;
    if (L === 2.5) assert.ok(out > 1e-3, `the narrow domain loses mass: ${out}`);
  }
});

test('mass thrown far beyond the ghost rows is outflow: mass + outflow conserved at every step while most of it leaves', () => {
  // f ≡ 20 drives c at a speed of order 20·ψ: in one remesh interval mass jumps well past the
  // ghost rows of a domain with L = 2, and must still be counted, not dropped
  const problem = createTorusProblem({ unit: 'vonmises:2', target: '20' });
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  const settings = { ny: 32, nc: 32, L: 2 };
  const [s0] = solveRemeshed(problem, law, { ...settings, times: [0] });
  const infos: RemeshedStepInfo[] = [];
  solveRemeshed(problem, law, { ...settings, times: [2] }, { onStep: (i) => infos.push(i) });
  for (const i of infos) assert.ok(Math.abs(i.mass + i.outflow - s0!.mass) < 1e-12, `t = ${i.t}: mass + outflow − m₀ = ${i.mass + i.outflow - s0!.mass}`);
  const out = infos[infos.length - 1]!.outflow;
  assert.ok(out > 0.5, `outflow ${out}`);
});

test('too much outflow stops the run with a message naming --L', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: HARD });
  assert.throws(() => solveRemeshed(problem, { cMean: 0, sigmaC: 1 }, { ny: 32, nc: 16, L: 2, times: [5], maxOutflow: 1e-6 }),
    (e: unknown) => e instanceof SolverOutflowError && /--L/.test(e.message));
});

test('linear regime f = εg: every mode relaxes as exp(−λ_m t) up to O(ε³)', () => {
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  const T = 5;
  const errs = [0.4, 0.2].map((eps) => {
    const problem = createTorusProblem({ unit: 'vonmises:1', target: `${eps}*cos(x) + ${eps}*0.5*sin(3*x)` });
    const [s] = solveRemeshed(problem, law, { ny: 64, nc: 64, L: 8, times: [T] });
    const predicted = linearRegimeFhat(problem, law, T);
    for (const m of [1, 3]) {
      const rel = Math.hypot(s!.fhat.re[m]! - predicted.re[m]!, s!.fhat.im[m]! - predicted.im[m]!) / Math.hypot(problem.fhat.re[m]!, problem.fhat.im[m]!);
      assert.ok(rel < 0.01, `ε = ${eps}, mode ${m}: error relative to |f̂_m|: ${rel}`);
    }
    return Math.sqrt(parsevalDistanceSquared(s!.fhat, predicted));
  });
  // c̄ = 0 makes the flow odd under (c, f) → (−c, −f): the first correction is O(ε³), a ratio ≈ 8
  assert.ok(errs[0]! / errs[1]! > 6, `error ratio ${errs[0]! / errs[1]!}`);
});

/** `max|c| · max|∂_yU| · τ / Δy` at t = 0 with `|c| ≤ L`: the Courant number a grid scheme would need below 1. */
function courant(problem: TorusProblem, L: number, tau: number, ny: number): number {
  let maxDU = 0;
  for (let k = 0; k < 512; k++) {
    const y = (2 * Math.PI * k) / 512;
    let d = 0;
    for (let m = 1; m <= problem.M; m++) d += -2 * m * (-problem.Fhat.re[m]! * Math.sin(m * y) - -problem.Fhat.im[m]! * Math.cos(m * y));
    maxDU = Math.max(maxDU, Math.abs(d));
  }
  return (L * maxDU * tau) / ((2 * Math.PI) / ny);
}

test('remesh intervals far above the Courant limit stay accurate', () => {
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  const problem = createTorusProblem({ unit: 'vonmises:2', target: HARD });
  // measured: 512×96 is within 9e-10 of 1024×128 at t = 3 (the default 192×48 is off by 2.1e-7)
  const [ref] = solveLagrangian(problem, law, { ny: 512, nc: 96, times: [3] });
  const tau = 1;
  const C = courant(problem, 8, tau, 256);
  assert.ok(C > 50, `Courant number ${C}`);
  const [s] = solveRemeshed(problem, law, { ny: 256, nc: 128, L: 8, times: [3], tau, substeps: 8 });
  const err = relative(s!.fhat, ref!.fhat);
  assert.ok(err < 1e-7, `Courant number ${C.toFixed(0)}: relative error ${err}`);
});

test('bad grids and parameters are refused with a message naming the field', () => {
  const problem = createTorusProblem({ unit: 'vonmises:2', target: 'cos(x)' });
  const law: InitialLaw = { cMean: 0, sigmaC: 1 };
  const base = { ny: 64, nc: 32, L: 8, times: [1] };
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ ny: 2 * problem.M }, /ny = /],
    [{ nc: 4 }, /nc = 4/],
    [{ order: 7 }, /order = 7/],
    [{ order: 14 }, /order = 14/],
    [{ L: 0 }, /L = 0/],
    [{ tau: -1 }, /tau = -1/],
    [{ substeps: 0 }, /substeps = 0/],
    [{ maxOutflow: -1 }, /maxOutflow = -1/],
  ];
  for (const [patch, re] of cases) {
    assert.throws(() => solveRemeshed(problem, law, { ...base, ...patch } as typeof base), (e: unknown) => e instanceof SolverConfigError && re.test(e.message), JSON.stringify(patch));
  }
  assert.throws(() => solveRemeshed(problem, { cMean: 0, sigmaC: 0 }, base), /σ_c/);
});

test.run();
