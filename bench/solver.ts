/**
 * Solver benchmark (`npm run bench:solver`): the accuracy each ρ₀ solver buys per second. On two
 * problems (vonmises:2, f = cos x + 0.6 sin 2x, and vonmises:3, f = sin x + 0.5 cos 3x, which
 * concentrates harder; σ_c = 1) every solver runs at several resolutions to t = 10 and t = 50, and
 * the table gives its wall time and its relative error in f₀, `‖f̂₀ − f̂_ref‖/‖f̂_ref‖`, against a
 * reference: the remeshed solver at 512 × 512 with the default interval, whose own error is
 * bounded by its distance to 384 × 384 and printed with it. Also the raw throughputs (grid
 * cell-updates/s, characteristic-steps/s). Writes `out/bench/solver.json`.
 *
 * Usage: tsx bench/solver.ts [--quick]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTorusProblem, parsevalDistanceSquared, spectrumEnergy, type InitialLaw, type Spectrum } from '../model/index.ts';
import { GridSolver, LagrangianSolver, REMESHED_DEFAULTS, solveGrid, solveLagrangian, solveRemeshed, type SolverSnapshot } from '../solver/index.ts';
import { nowSeconds } from './timing.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = path.join(REPO_ROOT, 'out', 'bench', 'solver.json');
const PROBLEMS = [
  { unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)' },
  { unit: 'vonmises:3', target: 'sin(x) + 0.5*cos(3*x)' },
] as const;
const LAW: InitialLaw = { cMean: 0, sigmaC: 1 };
const L = 10;

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick === true;
const TIMES = quick ? [2, 10] : [10, 50];

interface Run { solver: string; resolution: string; seconds: number; fhat: Spectrum[]; negativeMass?: number[] }

function timed(solver: string, resolution: string, run: () => SolverSnapshot[]): Run {
  const start = nowSeconds();
  const snaps = run();
  const seconds = nowSeconds() - start;
  process.stderr.write(`  ${solver} ${resolution}: ${seconds.toFixed(1)} s\n`);
  const neg = snaps.map((s) => ('negativeMass' in s ? (s as { negativeMass: number }).negativeMass : NaN));
  return { solver, resolution, seconds, fhat: snaps.map((s) => s.fhat), ...(neg.some(Number.isFinite) ? { negativeMass: neg } : {}) };
}

const rel = (a: Spectrum, b: Spectrum): number => Math.sqrt(parsevalDistanceSquared(a, b) / spectrumEnergy(b));
console.log(`solver benchmark on ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}${quick ? ' (quick)' : ''}`);
const problemRecords: unknown[] = [];
for (const spec of PROBLEMS) {
  const problem = createTorusProblem(spec);
  const remeshed = (ny: number, nc: number, tau: number = REMESHED_DEFAULTS.tau, substeps: number = REMESHED_DEFAULTS.substeps): Run =>
    timed('remeshed', `${ny}×${nc}${tau === REMESHED_DEFAULTS.tau ? '' : `, τ = ${tau}`}`, () => solveRemeshed(problem, LAW, { ny, nc, L, times: TIMES, tau, substeps }));
  const lagrangian = (ny: number, nc: number): Run => timed('lagrangian', `${ny}×${nc}`, () => solveLagrangian(problem, LAW, { ny, nc, times: TIMES }));
  const grid = (n: number): Run => timed('grid (FV)', `${n}²`, () => solveGrid(problem, LAW, { ny: n, nc: n, L, times: TIMES }));
  console.log(`\nproblem ${spec.unit}, f = ${spec.target}, σ_c = ${LAW.sigmaC}, L = ${L}; times ${TIMES.join(', ')}`);
  process.stderr.write(`${spec.unit}: reference runs\n`);
  const refCoarse = quick ? remeshed(256, 192) : remeshed(384, 384);
  const ref = quick ? remeshed(384, 256) : remeshed(512, 512);
  const refError = TIMES.map((_, k) => rel(refCoarse.fhat[k]!, ref.fhat[k]!));
  process.stderr.write(`${spec.unit}: solvers\n`);
  const first = spec === PROBLEMS[0];
  const runs: Run[] = quick
    ? [grid(64), lagrangian(192, 48), remeshed(128, 64), remeshed(256, 128)]
    : first
      ? [grid(128), grid(256), lagrangian(192, 48), lagrangian(384, 64), lagrangian(768, 96), remeshed(128, 64), remeshed(256, 128), remeshed(256, 256), remeshed(256, 256, 0.25, 2), remeshed(512, 256)]
      : [grid(256), lagrangian(384, 64), lagrangian(768, 96), remeshed(256, 128), remeshed(256, 256), remeshed(256, 256, 0.25, 2)];
  console.log('relative error of f₀ against the reference, and the wall time to the last time (one core)');
  console.log(`${'solver'.padEnd(12)}${'resolution'.padEnd(18)}${'seconds'.padStart(9)}${TIMES.map((t) => `error t=${t}`.padStart(14)).join('')}`);
  const rows = runs.map((r) => {
    const errors = TIMES.map((_, k) => rel(r.fhat[k]!, ref.fhat[k]!));
    console.log(`${r.solver.padEnd(12)}${r.resolution.padEnd(18)}${r.seconds.toFixed(1).padStart(9)}${errors.map((e) => e.toExponential(1).padStart(14)).join('')}`);
    return { solver: r.solver, resolution: r.resolution, seconds: r.seconds, errors, ...(r.negativeMass ? { negativeMass: r.negativeMass } : {}) };
  });
  console.log(`${'reference'.padEnd(12)}${ref.resolution.padEnd(18)}${ref.seconds.toFixed(1).padStart(9)}${refError.map((e) => `(${e.toExponential(1)})`.padStart(14)).join('')}`);
  console.log(`  (a bound on the reference's own error: its distance to ${refCoarse.resolution}; default interval τ = ${REMESHED_DEFAULTS.tau})`);
  problemRecords.push({
    problem: spec, reference: { solver: 'remeshed', resolution: ref.resolution, tau: REMESHED_DEFAULTS.tau, seconds: ref.seconds, errorBound: refError, against: refCoarse.resolution },
    runs: rows,
  });
}
// Raw throughput, as before, on the first problem: the grid's cell-updates and the characteristics' steps per second.
const problem = createTorusProblem(PROBLEMS[0]);
function gridRate(n: number, seconds: number): number {
  const solver = new GridSolver(problem, LAW, { ny: n, nc: n, L: 8 });
  solver.advanceTo(0.05);
  const s0 = solver.steps;
  const start = nowSeconds();
  let T = solver.t;
  while (nowSeconds() - start < seconds) solver.advanceTo((T += 0.05));
  return ((solver.steps - s0) * n * n) / (nowSeconds() - start);
}
function lagrangianRate(ny: number, nc: number, seconds: number): number {
  const solver = new LagrangianSolver(problem, LAW, { ny, nc });
  solver.advanceTo(0.2);
  const s0 = solver.steps;
  const start = nowSeconds();
  while (nowSeconds() - start < seconds) solver.advanceTo(solver.t + 0.2);
  return ((solver.steps - s0) * ny * nc) / (nowSeconds() - start);
}
const throughput = { gridCellUpdatesPerSecond128: gridRate(128, quick ? 1 : 3), lagrangianPointStepsPerSecond192x48: lagrangianRate(192, 48, quick ? 1 : 3) };
console.log(`\nthroughput: grid 128² ${throughput.gridCellUpdatesPerSecond128.toExponential(2)} cell-updates/s; ` +
  `characteristics 192×48 ${throughput.lagrangianPointStepsPerSecond192x48.toExponential(2)} point-steps/s (RK8, 11 field evaluations a step)`);

fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
const record = {
  benchmark: 'solver', quick, law: LAW, L, times: TIMES, defaults: REMESHED_DEFAULTS, node: process.version, cpu: os.cpus()[0]?.model, createdAt: new Date().toISOString(),
  problems: problemRecords, throughput,
};
fs.writeFileSync(`${OUT_FILE}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
fs.renameSync(`${OUT_FILE}.tmp`, OUT_FILE);
console.log(`\nwrote ${path.relative(REPO_ROOT, OUT_FILE)}`);
