/**
 * How the Lagrangian reference's self-convergence degrades with time (`npm run bench:convergence`):
 * `f̂₀(t)` from a ladder of quadratures (trapezoid nodes in y × Gauss–Hermite nodes in c), each
 * compared with the next finer one, at times up to 50, on the default problem. Phase mixing and the
 * concentration of `ρ₀` make the needed size grow with `t` (docs/solvers.md). Prints the table of
 * differences and, per time, the smallest quadrature whose difference stays below 1e-6; writes
 * `out/bench/lagrangian-convergence.json`.
 *
 * Usage: tsx bench/lagrangianConvergence.ts [--quick]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTorusProblem, parsevalDistanceSquared, type InitialLaw } from '../model/index.ts';
import { solveLagrangian } from '../solver/index.ts';
import { nowSeconds } from './timing.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = path.join(REPO_ROOT, 'out', 'bench', 'lagrangian-convergence.json');
const PROBLEM = { unit: 'vonmises:2', target: 'cos(x) + 0.6*sin(2*x)' } as const;
const LAW: InitialLaw = { cMean: 0, sigmaC: 1 };
const DT = 0.1;

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick === true;
const times = quick ? [1, 2, 5, 10] : [1, 2, 5, 10, 20, 30, 40, 50];
const ladder: [number, number][] = quick
  ? [[64, 24], [128, 32], [256, 48]]
  : [[96, 32], [192, 48], [384, 64], [768, 96], [1536, 128]];
const problem = createTorusProblem(PROBLEM);

const runs = ladder.map(([ny, nc]) => {
  const start = nowSeconds();
  const snaps = solveLagrangian(problem, LAW, { ny, nc, times, dt: DT });
  const seconds = nowSeconds() - start;
  process.stderr.write(`${ny}×${nc}: ${seconds.toFixed(1)} s\n`);
  return { ny, nc, seconds, fhat: snaps.map((s) => s.fhat) };
});

const differences = runs.slice(0, -1).map((run, k) => ({
  coarse: `${run.ny}×${run.nc}`,
  fine: `${runs[k + 1]!.ny}×${runs[k + 1]!.nc}`,
  byTime: times.map((t, i) => ({ t, difference: Math.sqrt(parsevalDistanceSquared(run.fhat[i]!, runs[k + 1]!.fhat[i]!)) })),
}));

console.log(`Lagrangian self-convergence on ${PROBLEM.unit}, f = ${PROBLEM.target}, σ_c = ${LAW.sigmaC} (RK8, Δt = ${DT})`);
console.log(`‖f̂₀(coarse) − f̂₀(fine)‖ by Parseval\n`);
console.log(`${'coarse → fine'.padEnd(22)}${times.map((t) => `t=${t}`.padStart(10)).join('')}`);
for (const d of differences) {
  console.log(`${`${d.coarse} → ${d.fine}`.padEnd(22)}${d.byTime.map((b) => b.difference.toExponential(1).padStart(10)).join('')}`);
}
const below = times.map((t, i) => {
  const first = differences.find((d) => d.byTime[i]!.difference < 1e-6);
  return { t, quadrature: first?.coarse ?? null };
});
console.log(`\nsmallest quadrature within 1e-6 of the next: ${below.map((b) => `t=${b.t}: ${b.quadrature ?? 'none in the ladder'}`).join(', ')}`);

fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
const record = { study: 'lagrangian-convergence', quick, problem: PROBLEM, law: LAW, dt: DT, times,
  runs: runs.map(({ ny, nc, seconds }) => ({ ny, nc, seconds })), differences, below1e6: below, createdAt: new Date().toISOString() };
fs.writeFileSync(`${OUT_FILE}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
fs.renameSync(`${OUT_FILE}.tmp`, OUT_FILE);
console.log(`wrote ${path.relative(REPO_ROOT, OUT_FILE)}`);
