// A custom study, scripted: the CLT on a sigmoid unit and a two-mode target, decided by the same
// verdict model as `liouville compare` (docs/verdicts.md). Run from the project folder after
// `npm ci` (which builds dist/):  node examples/customStudy.mjs
import { declarePrimaryVerdicts, measurementText, ruleText, runStudy } from 'liouville';

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

console.log('primary verdicts, declared before the run:');
for (const line of declarePrimaryVerdicts(spec)) console.log(`  - ${line}`);
const { analysis } = await runStudy(spec, { workers: 2, onStage: (s) => console.log(s) });
for (const v of analysis.verdicts.filter((x) => x.role === 'primary')) {
  console.log(`${v.claim} @ t = ${v.t}: ${measurementText(v.measurement)} against ${ruleText(v.rule)} → ${v.outcome} (detects ±${v.detectable.toPrecision(2)})`);
}
const cell = analysis.cells.find((c) => c.t === 0 && c.n === 512);
console.log(`n·E‖f_n − f₀‖² at t = 0, n = 512: ${cell.nMse.toPrecision(3)}`);
