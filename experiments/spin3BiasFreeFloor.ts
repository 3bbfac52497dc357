/**
 * The least loss a network of bias-free ReLU units can reach on the 3-spin target, exactly
 * (`model/spin3Moments.ts`): `½(E f² − |E[f x]|²)`, the target's degree-3 energy, halved. Printed
 * per dimension and realization beside `½ E f²` (the loss of f_n ≡ 0), to set against Fig. 1's
 * ReLU panel (d = 50, loss 0.3–0.6 on our reading of its scale).
 *
 *   npx tsx experiments/spin3BiasFreeFloor.ts [--d 10,25,50] [--realizations 5]
 */
import { parseArgs } from 'node:util';
import { createSpin3Target, spin3Moments } from '../model/index.ts';

const { values } = parseArgs({ options: { d: { type: 'string', default: '10,25,50' }, realizations: { type: 'string', default: '5' } } });
const ds = values.d.split(',').map(Number);
const R = Number(values.realizations);
if (ds.some((d) => !Number.isInteger(d) || d < 1) || !Number.isInteger(R) || R < 1) {
  process.stderr.write('usage: tsx experiments/spin3BiasFreeFloor.ts [--d 10,25,50] [--realizations 5]\n');
  process.exit(2);
}
console.log('d   realization  ½E f²      ½|E[f x]|²  bias-free floor  floor/(½E f²)');
for (const d of ds) {
  for (let r = 0; r < R; r++) {
    // the couplings' stream as compare spin3 draws realization r (seed 1, stream r)
    const m = spin3Moments(createSpin3Target(d, 1, r));
    let g2 = 0;
    for (const g of m.linear) g2 += g * g;
    console.log(`${String(d).padEnd(3)} ${String(r).padStart(11)}  ${(m.meanSquare / 2).toFixed(4).padStart(9)}  ${(g2 / 2).toFixed(4).padStart(10)}  ${m.biasFreeFloor.toFixed(4).padStart(15)}  ${(m.biasFreeFloor / (m.meanSquare / 2)).toFixed(4).padStart(13)}`);
  }
}
