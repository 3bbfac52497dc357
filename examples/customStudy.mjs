// A custom study, scripted: the CLT on a sigmoid unit and a two-mode target, decided by the same
// verdict model as `liouville compare` (docs/verdicts.md), written as the same result file, with
// its HTML report and CSV tables. Run from the project folder after `npm ci` (which builds dist/):
//   node examples/customStudy.mjs [out-dir]        (default results/custom-study)
import { join } from 'node:path';
import { exportTables, measurementText, readStudyResult, ruleText, runStudy, writeFileAtomic, writeStudyResult } from 'liouville';
import { buildReportHtml } from 'liouville/report';

const out = process.argv[2] ?? join('results', 'custom-study');

const spec = {
  claims: ['clt', 'lln'],
  problem: { unit: 'sigmoid:4', target: 'cos(x) + 0.5*sin(2*x)', modeTolerance: 1e-12, maxModes: 64 },
  law: { cMean: 0, sigmaC: 1 },
  ns: [32, 64, 128, 256, 512],
  seeds: 24,
  seed: 7,
  times: [0, 1],
  dt: 0.05,
  reference: { ny: 96, nc: 24, check: { ny: 128, nc: 32 } },
  density: null,
  bootstrap: { replicates: 500, level: 0.95 },
};

// the first stage is the primary verdicts, declared before any member runs
const started = Date.now();
const outcome = await runStudy(spec, { workers: 2, onStage: (s) => console.log(s) });
const { analysis } = outcome;
for (const v of analysis.verdicts.filter((x) => x.role === 'primary')) {
  console.log(`${v.claim} @ t = ${v.t}: ${measurementText(v.measurement)} against ${ruleText(v.rule)} → ${v.outcome} (detects ±${v.detectable.toPrecision(2)})`);
}
const cell = analysis.cells.find((c) => c.t === 0 && c.n === 512);
console.log(`n·E‖f_n − f₀‖² at t = 0, n = 512: ${cell.nMse.toPrecision(3)}`);

// the result file `liouville compare` would write (header, spec, reference, members, analysis);
// the report and the tables read it back, as `liouville report` and `liouville export` do
const file = join(out, 'compare-clt+lln.json');
writeStudyResult(file, outcome, { timing: { seconds: (Date.now() - started) / 1000 } });
const stored = readStudyResult(file);
writeFileAtomic(join(out, 'report.html'), await buildReportHtml(stored));
for (const [name, text] of Object.entries(exportTables(stored))) writeFileAtomic(join(out, `compare-clt+lln.${name}.csv`), text);
console.log(`wrote ${file}, ${join(out, 'report.html')} and the members, cells and verdicts CSVs`);
