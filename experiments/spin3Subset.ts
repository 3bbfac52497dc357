/**
 * Refits a `liouville compare spin3` result on a subset of its widths and realizations, so two runs
 * that differ in one setting (e.g. Δt) are compared on the same members: prints the floor-aware
 * fit `A + B·n^s` at each stage and the verdict, as the study would have on that subset.
 *
 *   npx tsx experiments/spin3Subset.ts <compare-spin3.json> --n 100,150,200,400 --realizations 4
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyseSpin3, type Spin3MemberResult, type Spin3StudySpec } from '../compare/index.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { n: { type: 'string' }, realizations: { type: 'string' } } });
const file = positionals[0];
if (!file || !values.n || !values.realizations) {
  process.stderr.write('usage: tsx experiments/spin3Subset.ts <compare-spin3.json> --n n1,n2,… --realizations R\n');
  process.exit(2);
}
const result = JSON.parse(readFileSync(file, 'utf8')) as { spec: Spin3StudySpec; members: Spin3MemberResult[]; package: { commit: string | null } };
const ns = values.n.split(',').map(Number);
const realizations = Number(values.realizations);
for (const n of ns) {
  if (!result.spec.ns.includes(n)) throw new Error(`--n: ${n} is not a width of ${file} (${result.spec.ns.join(', ')})`);
}
if (!(Number.isInteger(realizations) && realizations >= 2 && realizations <= result.spec.realizations)) {
  throw new Error(`--realizations: ${values.realizations} must be an integer in 2…${result.spec.realizations}`);
}
const spec: Spin3StudySpec = { ...result.spec, ns, realizations };
const members = result.members.filter((m) => ns.includes(m.n) && m.realization < realizations);
const a = analyseSpin3(spec, members);
const iv = (x: { estimate: number; lower: number; upper: number }, digits = 3): string => `${x.estimate.toFixed(digits)} [${x.lower.toFixed(digits)}, ${x.upper.toFixed(digits)}]`;
console.log(`${file} (code ${result.package.commit}), n = ${ns.join(', ')}, realizations 0…${realizations - 1}, Δt = ${String(result.spec.dt)}`);
console.log(`loss by n: ${a.cells.map((c) => `${c.n}: ${c.loss.toFixed(4)}`).join(', ')}`);
for (const stage of a.floorDecomposition) {
  console.log(`${stage.stage.padEnd(18)} ${stage.fit ? `A = ${iv(stage.fit.A)}, s = ${iv(stage.fit.s, 2)}` : 'not fitted'}`);
}
console.log(`verdict: s = ${a.verdict.measurement.estimate.toFixed(3)} [${a.verdict.measurement.lower.toFixed(3)}, ${a.verdict.measurement.upper.toFixed(3)}] → ${a.verdict.outcome}`);
