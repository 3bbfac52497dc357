/**
 * Refits `liouville compare spin3` results on a subset of their widths and realizations, so two runs
 * that differ in one setting (e.g. Δt) are compared on the same members: prints the floor-aware
 * fit `A + B·n^s` at each stage and the verdict, as the study would have on that subset. Several
 * files of the same settings but other widths are merged first (a member in two files must be the
 * same bits in both).
 *
 *   npx tsx experiments/spin3Subset.ts <compare-spin3.json> [more.json …] --n 100,150,200,400 --realizations 4
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyseSpin3, type Spin3MemberResult, type Spin3StudySpec } from '../compare/index.ts';

interface Spin3File { spec: Spin3StudySpec; members: Spin3MemberResult[]; package: { commit: string | null } }

const { positionals: files, values } = parseArgs({ allowPositionals: true, options: { n: { type: 'string' }, realizations: { type: 'string' } } });
if (files.length === 0 || !values.n || !values.realizations) {
  process.stderr.write('usage: tsx experiments/spin3Subset.ts <compare-spin3.json> [more.json …] --n n1,n2,… --realizations R\n');
  process.exit(2);
}
const results = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Spin3File);
const first = results[0]!;
// the settings that must agree between merged files: everything but the widths
const settings = (s: Spin3StudySpec): string => JSON.stringify({ ...s, ns: null, realizations: null });
const merged = new Map<string, Spin3MemberResult>();
results.forEach((r, k) => {
  if (settings(r.spec) !== settings(first.spec)) throw new Error(`${files[k]}: its settings differ from ${files[0]}'s beyond the widths`);
  for (const m of r.members) {
    const key = `${m.n}/${m.realization}/${m.r}`;
    const seen = merged.get(key);
    if (seen && seen.loss !== m.loss) throw new Error(`${files[k]}: member n = ${m.n}, realization ${m.realization} differs from another file's (${m.loss} vs ${seen.loss})`);
    merged.set(key, m);
  }
});
const available = [...new Set([...merged.values()].map((m) => m.n))].sort((a, b) => a - b);
const ns = values.n.split(',').map(Number);
const realizations = Number(values.realizations);
for (const n of ns) {
  if (!available.includes(n)) throw new Error(`--n: ${n} is not a width of the files (${available.join(', ')})`);
}
const members = [...merged.values()].filter((m) => ns.includes(m.n) && m.realization < realizations);
for (const n of ns) {
  const have = new Set(members.filter((m) => m.n === n).map((m) => m.realization));
  if (have.size !== realizations) throw new Error(`--realizations: n = ${n} has ${have.size} of realizations 0…${realizations - 1}`);
}
const spec: Spin3StudySpec = { ...first.spec, ns, realizations };
const a = analyseSpin3(spec, members);
const iv = (x: { estimate: number; lower: number; upper: number }, digits = 3): string => `${x.estimate.toFixed(digits)} [${x.lower.toFixed(digits)}, ${x.upper.toFixed(digits)}]`;
console.log(`${files.join(' + ')} (code ${results.map((r) => r.package.commit).join(', ')}), n = ${ns.join(', ')}, realizations 0…${realizations - 1}, Δt = ${String(first.spec.dt)}`);
console.log(`loss by n: ${a.cells.map((c) => `${c.n}: ${c.loss.toFixed(4)}`).join(', ')}`);
for (const stage of a.floorDecomposition) {
  console.log(`${stage.stage.padEnd(18)} ${stage.fit ? `A = ${iv(stage.fit.A)}, s = ${iv(stage.fit.s, 2)}` : 'not fitted'}`);
}
console.log(`verdict: s = ${a.verdict.measurement.estimate.toFixed(3)} [${a.verdict.measurement.lower.toFixed(3)}, ${a.verdict.measurement.upper.toFixed(3)}] → ${a.verdict.outcome}`);
