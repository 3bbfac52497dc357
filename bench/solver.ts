/**
 * Solver benchmark (`npm run bench:solver`): grid cell-updates per second of the Eulerian solver
 * (one cell advanced one full SSP-RK3 step) from 128² to 1024², characteristics-steps per second of
 * the Lagrangian reference, and the wall time of the default problem to t = 100 at each grid size
 * with its error against the reference. Prints tables and writes `out/bench/solver.json`.
 *
 * Usage: tsx bench/solver.ts [--quick]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTorusProblem, spectrumDistanceSquared, spectrumEnergy, type InitialLaw } from '../model/index.ts';
import { GridSolver, LagrangianSolver, solveGrid, solveLagrangian } from '../solver/index.ts';
import { nowSeconds } from './timing.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = path.join(REPO_ROOT, 'out', 'bench', 'solver.json');
const PROBLEM = { unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)' } as const;
const LAW: InitialLaw = { cMean: 0, sigmaC: 1 };
const L = 8;

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick === true;
const problem = createTorusProblem(PROBLEM);

interface GridRate { n: number; steps: number; seconds: number; cellUpdatesPerSecond: number }

/** Cell-updates per second at `n × n`: enough steps to last ~`seconds`, after a warm-up. */
function gridRate(n: number, seconds: number): GridRate {
  const solver = new GridSolver(problem, LAW, { ny: n, nc: n, L, times: [] });
  solver.advanceTo(0.05); // warm-up: JIT and the first steps
  const s0 = solver.steps;
  const start = nowSeconds();
  let T = solver.t;
  while (nowSeconds() - start < seconds) {
    T += 0.05;
    solver.advanceTo(T);
  }
  const elapsed = nowSeconds() - start;
  const steps = solver.steps - s0;
  return { n, steps, seconds: elapsed, cellUpdatesPerSecond: (steps * n * n) / elapsed };
}

function lagrangianRate(ny: number, nc: number, seconds: number): { ny: number; nc: number; pointStepsPerSecond: number } {
  const solver = new LagrangianSolver(problem, LAW, { ny, nc, times: [] });
  solver.advanceTo(0.2);
  const s0 = solver.steps;
  const start = nowSeconds();
  while (nowSeconds() - start < seconds) solver.advanceTo(solver.t + 0.2);
  return { ny, nc, pointStepsPerSecond: ((solver.steps - s0) * ny * nc) / (nowSeconds() - start) };
}

const sizes = quick ? [128, 256] : [128, 256, 512, 1024];
console.log(`solver benchmark on ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}${quick ? ' (quick)' : ''}`);
console.log('\ngrid solver (SSP-RK3, one cell-update = one cell advanced one full step)');
console.log('      grid   steps   seconds   cell-updates/s');
const rates: GridRate[] = [];
for (const n of sizes) {
  const r = gridRate(n, quick ? 1 : 4);
  rates.push(r);
  console.log(`${`${n}²`.padStart(10)}  ${String(r.steps).padStart(6)}  ${r.seconds.toFixed(2).padStart(8)}  ${r.cellUpdatesPerSecond.toExponential(3).padStart(15)}`);
}

console.log('\nLagrangian reference (Cooper–Verner RK8, 11 field evaluations a step)');
const lag = [lagrangianRate(192, 48, quick ? 1 : 3)];
for (const r of lag) console.log(`  ${r.ny}×${r.nc}: ${r.pointStepsPerSecond.toExponential(3)} characteristic-steps/s`);

// Time to t = 100 and the error against the reference at that time.
const T = 100;
const refQuadrature = quick ? { ny: 256, nc: 48 } : { ny: 768, nc: 96 };
let start = nowSeconds();
const [ref] = solveLagrangian(problem, LAW, { ...refQuadrature, times: [T], dt: 0.1 });
const refSeconds = nowSeconds() - start;
const refNorm = Math.sqrt(spectrumEnergy(ref!.fhat));
console.log(`\nto t = ${T}: reference ${refQuadrature.ny}×${refQuadrature.nc} characteristics in ${refSeconds.toFixed(1)} s, ‖f₀‖ = ${refNorm.toFixed(6)}`);
console.log('      grid   seconds   ‖f₀ − ref‖/‖ref‖');
const toT: { n: number; seconds: number; relativeError: number }[] = [];
for (const n of quick ? [64, 128] : [64, 128, 256]) {
  start = nowSeconds();
  const [s] = solveGrid(problem, LAW, { ny: n, nc: n, L, times: [T] });
  const seconds = nowSeconds() - start;
  const relativeError = Math.sqrt(spectrumDistanceSquared(s!.fhat, ref!.fhat)) / refNorm;
  toT.push({ n, seconds, relativeError });
  console.log(`${`${n}²`.padStart(10)}  ${seconds.toFixed(1).padStart(8)}  ${relativeError.toExponential(3).padStart(17)}`);
}

fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
const record = {
  benchmark: 'solver', quick, problem: PROBLEM, law: LAW, L, node: process.version, cpu: os.cpus()[0]?.model,
  createdAt: new Date().toISOString(), grid: rates, lagrangian: lag, toT: { T, reference: { ...refQuadrature, seconds: refSeconds }, runs: toT },
};
fs.writeFileSync(`${OUT_FILE}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
fs.renameSync(`${OUT_FILE}.tmp`, OUT_FILE);
console.log(`\nwrote ${path.relative(REPO_ROOT, OUT_FILE)}`);
