/**
 * Which readings of Sec. 5's silences reproduce Fig. 1's loss levels (docs/studies.md, "Fig. 1's
 * readings"): for both sigmoid panels (d = 10 and d = 25, the same protocol in the text) and each
 * reading below, a `compare spin3` study at a reduced, stated scale; the mean loss at the ladder's
 * two ends against the panel's range read off the figure, and whether both ends are within a
 * factor 2 of it.
 *
 *   npx tsx experiments/spin3Readings.ts [--out results/paper/spin3-readings.json] [--workers 2] [--quick]
 *
 * The scale: the paper's training time `T = 2000` (the loss is mostly the mean-field loss at `T`,
 * which a shorter run overstates: at `T = 100` it is 2.7 at every width), `Δt = 0.02`, no quench
 * (it lowered the default reading's loss by a quarter at T = 2000: docs/studies.md), n = 100 and
 * 400, 2 realizations, 10⁵ test points. The panels' ranges, read off Fig. 1 (log axes): d = 10,
 * loss 10⁻¹ at n = 10² to 10⁻² at n = 10³; d = 25, 10¹ to 10⁰ over the same widths; at n = 400
 * the range is read on the straight line between them (`L(n) = L₁₀₀ (n/100)^{-1}`). A reading whose
 * training diverges is recorded as such. Writes one JSON file with the
 * configuration, the code version, every member and the table; prints the table as markdown.
 * `--quick` is a smoke run (two readings, tiny scale) that checks the script, not the science.
 */
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { describeReadings, runSpin3Members, type Spin3MemberResult, type Spin3Readings, type Spin3StudySpec } from '../compare/index.ts';
import { provenance, resultHeader, toJson, writeFileAtomic } from '../io/resultFile.ts';
import { relaxedSimdAvailable } from '../particles/index.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'results/paper/spin3-readings.json' }, workers: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
if (!Number.isInteger(workers) || workers < 0) {
  process.stderr.write(`spin3Readings: --workers = ${values.workers} is invalid: an integer >= 0\n`);
  process.exit(2);
}
const quick = values.quick;
// the code version as the run starts (a commit made while it runs is not the code that ran)
provenance();

interface Reading {
  readonly name: string;
  readonly readings: (d: number) => Spin3Readings;
}

const READINGS: readonly Reading[] = [
  { name: 'default (ours before)', readings: () => ({}) },
  { name: 'inputs on the unit sphere', readings: () => ({ inputRadius: 1 }) },
  { name: 'w ~ N(0, I)', readings: (d) => ({ weightScale: Math.sqrt(d) }) },
  { name: 'no bias', readings: () => ({ bias: false }) },
  { name: 'c = 0', readings: () => ({ cLaw: 'zero' }) },
  { name: 'loss without ½', readings: () => ({ loss: 'full' }) },
  { name: 'w ~ N(0, I), loss without ½', readings: (d) => ({ weightScale: Math.sqrt(d), loss: 'full' }) },
  { name: 'w ~ N(0, I), no bias', readings: (d) => ({ weightScale: Math.sqrt(d), bias: false }) },
  { name: 'unit sphere, w ~ N(0, I)', readings: (d) => ({ inputRadius: 1, weightScale: Math.sqrt(d) }) },
];

/** Fig. 1's sigmoid panels: the loss at n = 100 and n = 1000 read off the figure. */
const PANELS = [
  { d: 10, at100: 1e-1, at1000: 1e-2 },
  { d: 25, at100: 1e1, at1000: 1e0 },
] as const;

const NS = quick ? [16, 32] : [100, 400];
const base = (d: number): Spin3StudySpec => ({
  d, activation: 'sigmoid', ns: NS, realizations: 2, seedsPerRealization: 1, seed: 1,
  batch: 'floor(n/5)', dt: 0.02, steps: quick ? 50 : 100_000, quench: null,
  testPoints: quick ? 1000 : 100_000, sigmaC: 1, sigmaB: 1, bootstrap: { replicates: 200, level: 0.95 },
  ...(relaxedSimdAvailable() ? { engine: 'wasm-simd-fma' as const } : {}),
});

/** The panel's range at `n` on the straight log-log line through its two readings. */
function panelAt(p: (typeof PANELS)[number], n: number): number {
  const slope = Math.log10(p.at1000 / p.at100);
  return p.at100 * (n / 100) ** slope;
}

const readings = quick ? READINGS.slice(0, 2) : READINGS;
const rows: { d: number; reading: string; readings: Spin3Readings; described: string[]; loss: number[]; paper: number[]; ratio: number[]; withinFactor2: boolean; failed: string | null }[] = [];
const members: { d: number; reading: string; members: Spin3MemberResult[] }[] = [];
const started = Date.now();
console.error(`spin3 readings: ${readings.length} readings × ${PANELS.length} panels, n = ${NS.join(', ')}, ${base(10).realizations} realizations, ` +
  `${base(10).steps} steps of Δt = ${base(10).dt} (T = ${Number(base(10).steps) * Number(base(10).dt)}) with P = ${base(10).batch}, no quench; ${workers} worker(s)`);
for (const panel of PANELS) {
  for (const r of readings) {
    const spec: Spin3StudySpec = { ...base(panel.d), readings: r.readings(panel.d) };
    const t0 = Date.now();
    let result: Spin3MemberResult[];
    try {
      result = await runSpin3Members(spec, workers);
    } catch (err) {
      const failed = (err as Error).message;
      rows.push({ d: panel.d, reading: r.name, readings: spec.readings!, described: describeReadings(spec), loss: [], paper: NS.map((n) => panelAt(panel, n)), ratio: [], withinFactor2: false, failed });
      console.error(`d = ${panel.d}, ${r.name}: failed: ${failed}`);
      continue;
    }
    const loss = NS.map((n) => {
      const list = result.filter((m) => m.n === n);
      return list.reduce((a, m) => a + m.loss, 0) / list.length;
    });
    const paper = NS.map((n) => panelAt(panel, n));
    const ratio = loss.map((l, k) => l / paper[k]!);
    rows.push({ d: panel.d, reading: r.name, readings: spec.readings!, described: describeReadings(spec), loss, paper, ratio, withinFactor2: ratio.every((x) => x >= 0.5 && x <= 2), failed: null });
    members.push({ d: panel.d, reading: r.name, members: result });
    console.error(`d = ${panel.d}, ${r.name}: loss ${loss.map((l) => l.toExponential(2)).join(' → ')} (paper ${paper.map((l) => l.toExponential(2)).join(' → ')}); ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}
const table = ['| reading | d = 10: loss at n = ' + NS.join(', ') + ' (× the panel) | d = 25: loss (× the panel) | both panels within 2× |', '|---|---|---|---|'];
for (const r of readings) {
  const cell = (d: number): string => {
    const row = rows.find((x) => x.d === d && x.reading === r.name)!;
    if (row.failed) return `diverged (${row.failed})`;
    return row.loss.map((l, k) => `${l.toPrecision(2)} (${row.ratio[k]!.toPrecision(2)}×)`).join(', ');
  };
  const both = PANELS.every((p) => rows.find((x) => x.d === p.d && x.reading === r.name)!.withinFactor2);
  table.push(`| ${r.name} | ${cell(10)} | ${cell(25)} | ${both ? 'yes' : 'no'} |`);
}
console.log(table.join('\n'));
writeFileAtomic(values.out, toJson({
  ...resultHeader('experiment', ['experiments/spin3Readings.ts', ...process.argv.slice(2)], { claim: 'spin3-readings' }),
  config: { panels: PANELS, ns: NS, base: base(10), readings: readings.map((r) => ({ name: r.name, d10: r.readings(10), d25: r.readings(25) })), workers },
  rows, members, table, timing: { seconds: (Date.now() - started) / 1000 },
}));
console.error(`wrote ${values.out} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
