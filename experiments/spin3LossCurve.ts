/**
 * Diagnostic for docs/studies.md (the 3-spin sigmoid d = 10 run at T = 2000): the loss of one
 * network against training time, with no quench, under the default initial law and three others
 * (c wider, w larger, both). One realization of the couplings (seed 1, realization 0), network
 * seed 2, n = 400, P = ⌊n/5⌋ = 80, Δt = 0.02, the loss on 20000 fresh points (seed 9) at each mark.
 *
 *   npx tsx experiments/spin3LossCurve.ts [--long]
 *
 * `--long` runs the default law only, to T = 4000. Prints its configuration and the code version
 * first, then one line per initial law (about 25 s per law to T = 1000 on one core).
 */
import { execFileSync } from 'node:child_process';
import { createSpin3Target, Rng } from '../model/index.ts';
import { Spin3Network, spin3Errors } from '../particles/index.ts';

const long = process.argv.includes('--long');
const n = 400;
const P = 80;
const dt = 0.02;
const marks = long ? [0, 1000, 1500, 2000, 3000, 4000] : [0, 50, 100, 200, 500, 1000];
const laws = [
  { name: 'default: σ_c = 1, σ_b = 1, w ~ N(0, I/d)', sigmaC: 1, sigmaB: 1, wScale: 1 },
  ...(long ? [] : [
    { name: 'σ_c = 5', sigmaC: 5, sigmaB: 1, wScale: 1 },
    { name: 'w × 3 (w·x ~ N(0, 9))', sigmaC: 1, sigmaB: 1, wScale: 3 },
    { name: 'σ_c = 5 and w × 3', sigmaC: 5, sigmaB: 1, wScale: 3 },
  ]),
];
let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
} catch {
  // outside a checkout: the version stays unknown
}
console.log(`spin3 loss curve: d = 10 sigmoid, couplings seed 1 realization 0, network seed 2, n = ${n}, P = ${P}, Δt = ${dt}, test points 20000 (seed 9); code ${commit}, node ${process.version}`);
const target = createSpin3Target(10, 1, 0);
for (const law of laws) {
  const net = new Spin3Network(target, { n, activation: 'sigmoid', sigmaC: law.sigmaC, sigmaB: law.sigmaB, seed: 2, stream: 0 });
  for (let q = 0; q < net.w.length; q++) net.w[q]! *= law.wScale;
  const cells: string[] = [];
  let steps = 0;
  const started = performance.now();
  for (const T of marks) {
    const until = Math.round(T / dt);
    for (; steps < until; steps++) net.step(dt, P);
    cells.push(`T = ${T}: ${spin3Errors(net, new Rng(9), 20000).loss.toFixed(3)}`);
  }
  console.log(`${law.name.padEnd(44)} ${cells.join('  ')}  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
