#!/usr/bin/env node
// Would the tests catch a real bug? Applies each defect below to the source, one at a time, runs
// the test files named for it (uvu --bail, with a timeout), restores the file, and reports which
// defects the tests kill. Run by hand before a large change; docs/testing.md records its kill rate.
//   node scripts/mutants.mjs [id …]        (default: all; --list shows them)
// Each defect is a plausible slip in one line (a wrong spread, a dropped margin, a wrong stream), not
// a crash: a defect whose test file fails only by timing out counts as killed but is marked.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** The environment of a test process without colour: NO_COLOR alone, and uvu run with --no-color so that it sets no FORCE_COLOR either (Node 24 warns on stderr when both are set, and tests read stderr). */
function plainEnv() {
  const { FORCE_COLOR: _force, ...env } = process.env;
  return { ...env, NO_COLOR: '1' };
}
import { basename, dirname, join } from 'node:path';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const TIMEOUT_S = 600;

/** id, where, the text replaced and its replacement (each must occur once), and the test files that should fail. */
const DEFECTS = [
  // the verdict rules
  { id: 'upper-tail-lower-spread', file: 'compare/verdicts/verdict.ts', from: 'const { above } = spreads(m);', to: 'const { below: above } = spreads(m);', tests: ['test/compare/verdicts/decisionEdges.test.ts'] },
  { id: 'tost-min-not-max', file: 'compare/verdicts/verdict.ts', from: 'pAgree: Math.max(twoSidedTailAbove(m, hi), twoSidedTailBelow(m, lo)),', to: 'pAgree: Math.min(twoSidedTailAbove(m, hi), twoSidedTailBelow(m, lo)),', tests: ['test/compare/verdicts/decisionEdges.test.ts', 'test/compare/verdicts/verdicts.test.ts'] },
  { id: 'holm-no-multiplier', file: 'compare/verdicts/verdict.ts', from: 'Math.min(1, (p.length - rank) * v)', to: 'Math.min(1, v)', tests: ['test/compare/verdicts/verdicts.test.ts'] },
  { id: 'power-not-at-holm-level', file: 'compare/verdicts/verdict.ts', from: "const levelForPower = d.role === 'primary' ? alpha / Math.max(1, familySize) : alpha;", to: 'const levelForPower = alpha;', tests: ['test/compare/verdicts/decisionEdges.test.ts'] },
  { id: 'regime-gate-no-margin', file: 'compare/torus/measurements.ts', from: 'ns.filter((n) => n >= CROSSOVER_MARGIN * fit.crossover.upper)', to: 'ns.filter((n) => n >= fit.crossover.upper)', tests: ['test/compare/verdicts/decisionEdges.test.ts'] },
  { id: 'prefactor-gate-no-margin', file: 'compare/verdicts/prop32Clt.ts', from: 'nPool >= CROSSOVER_MARGIN * fit.crossover.upper', to: 'nPool >= fit.crossover.upper', tests: ['test/compare/verdicts/decisionEdges.test.ts'] },
  { id: 'lln-rule-flipped', file: 'compare/verdicts/prop31Lln.ts', from: "rule: { kind: 'atMost', bound: 0 },\n      justification: 'convergence", to: "rule: { kind: 'atLeast', bound: 0 },\n      justification: 'convergence", tests: ['test/compare/verdicts/verdicts.test.ts'] },
  { id: 'decay-ratio-unpaired', file: 'compare/torus/prefactorDecay.ts', from: 'start += (n * at0[pick[r]!]!) / pick.length;', to: 'start += (n * at0[r]!) / pick.length;', tests: ['test/compare/verdicts/decisionEdges.test.ts'] },
  // the statistics
  { id: 'crossover-signed', file: 'compare/statistics/twoTermFit.ts', from: 'Math.abs(f.Q) / f.P', to: 'f.Q / f.P', tests: ['test/compare/statistics/intervalEdges.test.ts'] },
  { id: 'basic-not-percentile', file: 'compare/statistics/bootstrap.ts', from: 'lower: sortedQuantile(replicates, (1 - level) / 2),\n    upper: sortedQuantile(replicates, (1 + level) / 2),', to: 'lower: 2 * estimate - sortedQuantile(replicates, (1 + level) / 2),\n    upper: 2 * estimate - sortedQuantile(replicates, (1 - level) / 2),', tests: ['test/compare/statistics/intervalEdges.test.ts'] },
  { id: 'resample-skips-last-seed', file: 'compare/statistics/bootstrap.ts', from: 'for (let r = 0; r < R; r++) idx[r] = Math.floor(rng.uniform() * R);', to: 'for (let r = 0; r < R; r++) idx[r] = Math.floor(rng.uniform() * (R - 1));', tests: ['test/compare/statistics/statistics.test.ts', 'test/compare/statistics/intervalEdges.test.ts'] },
  { id: 'jarque-bera-factor', file: 'compare/statistics/gaussianity.ts', from: '(n / 6) * (skewness * skewness', to: '(n / 12) * (skewness * skewness', tests: ['test/compare/statistics/statistics.test.ts'] },
  { id: 'floor-t-quantile-at-level', file: 'compare/statistics/floorFit.ts', from: 'studentTQuantile((1 + intervals[0]!.level) / 2, G - 1)', to: 'studentTQuantile(intervals[0]!.level, G - 1)', tests: ['test/compare/statistics/floorFit.test.ts'] },
  { id: 'floor-normal-not-t', file: 'compare/statistics/floorFit.ts', from: 'studentTQuantile((1 + intervals[0]!.level) / 2, G - 1)', to: 'studentTQuantile((1 + intervals[0]!.level) / 2, 1e6)', tests: ['test/compare/statistics/floorFit.test.ts'] },
  { id: 'loglog-intercept-sign', file: 'compare/statistics/logLogFit.ts', from: 'intercept: level - slope * mean', to: 'intercept: level + slope * mean', tests: ['test/compare/statistics/statistics.test.ts'] },
  // the solvers and the engines: accuracy and conservation
  { id: 'remesh-kernel-order-3', file: 'solver/remeshedSolver.ts', from: 'this.kernel = splineKernel(order - 1);', to: 'this.kernel = splineKernel(order - 3);', tests: ['test/solver/remeshedSolver.test.ts'] },
  { id: 'remesh-far-outflow-dropped', file: 'solver/remeshedSolver.ts', from: 'out += mb; // the weights', to: 'void mb; // the weights', tests: ['test/solver/remeshedSolver.test.ts'] },
  { id: 'rk8-weight', file: 'solver/rungeKutta8.ts', from: '49 / 180, 16 / 45, 49 / 180, 1 / 20]', to: '49 / 180, 16 / 45, 49 / 181, 1 / 20]', tests: ['test/solver/lagrangianSolver.test.ts'] },
  { id: 'rk4-weights', file: 'particles/integrators.ts', from: 'y[i]! += h * (ky0[i]! + 2 * ky1[i]! + 2 * ky2[i]! + ky3[i]!);', to: 'y[i]! += h * (ky0[i]! + 2 * ky1[i]! + ky2[i]! + 2 * ky3[i]!);', tests: ['test/particles/gdConvergence.test.ts'] },
  // the merge, the guards, the checkpoint
  { id: 'merge-no-config-check', file: 'cli/mergeCommand.ts', from: 'if (JSON.stringify(s.spec) !== JSON.stringify(first.spec)) throw', to: 'if (false) throw', tests: ['test/cli/merge.test.ts'] },
  { id: 'merge-complete-by-count', file: 'cli/mergeCommand.ts', from: 'const missing = Array.from({ length: first.shard.count }, (_, k) => k + 1).filter((k) => !have.has(k));', to: 'const missing = shards.length >= first.shard.count ? [] : [first.shard.count];', tests: ['test/cli/merge.test.ts'] },
  { id: 'work-limit-1000x', file: 'cli/workGuard.ts', from: 'export const WORK_LIMIT = 1e12;', to: 'export const WORK_LIMIT = 1e15;', tests: ['test/cli/workGuard.test.ts'] },
  { id: 'checkpoint-any-spec', file: 'compare/torus/checkpoint.ts', from: 'if (JSON.stringify(header.spec) !== JSON.stringify(spec)) {', to: 'if (false) {', tests: ['test/compare/torus/study.test.ts'] },
  // the random streams
  { id: 'spin3-test-points-training-stream', file: 'compare/spin3/spin3Study.ts', from: 'new Rng(s.seed + 2, stream)', to: 'new Rng(s.seed + 1, stream)', tests: ['test/compare/spin3/spin3Study.test.ts'] },
  { id: 'member-stream-overlap', file: 'compare/torus/studySpec.ts', from: 'return r * 2 ** 24 + n;', to: 'return r * 2 ** 4 + n;', tests: ['test/compare/spin3/spin3Study.test.ts', 'test/compare/torus/study.test.ts'] },
  { id: 'bootstrap-streams-by-order', file: 'compare/statistics/bootstrap.ts', from: "stream: KEYED_STREAM_BASE + fnv1a32(key.join('|')) };", to: 'stream: KEYED_STREAM_BASE + (this.taken = (this.taken ?? 0) + 1) };', tests: ['test/compare/torus/bootstrapStreams.test.ts'] },
  { id: 'bootstrap-streams-shared', file: 'compare/statistics/bootstrap.ts', from: "stream: KEYED_STREAM_BASE + fnv1a32(key.join('|')) };", to: 'stream: KEYED_STREAM_BASE };', tests: ['test/compare/statistics/intervalEdges.test.ts'] },
];

function runTests(files) {
  for (const f of files) {
    const started = Date.now();
    const r = spawnSync('node', [join(ROOT, 'node_modules/uvu/bin.js'), dirname(f), `^${basename(f).replace(/\./g, '\\.')}$`, '-r', 'tsx', '--bail', '--no-color'],
      { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT_S * 1000, killSignal: 'SIGKILL', env: plainEnv() });
    const seconds = (Date.now() - started) / 1000;
    if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL') return { killed: true, by: `${f} (timed out after ${TIMEOUT_S} s)`, seconds };
    if (r.status !== 0) {
      const failed = /FAIL\s*[^"]*"([^"]+)"/.exec(r.stdout + r.stderr)?.[1];
      return { killed: true, by: `${f}${failed ? `: "${failed}"` : ''}`, seconds };
    }
  }
  return { killed: false, by: null, seconds: 0 };
}

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const d of DEFECTS) console.log(`${d.id.padEnd(36)} ${d.file}`);
  process.exit(0);
}
const chosen = args.length > 0 ? DEFECTS.filter((d) => args.includes(d.id)) : DEFECTS;
if (chosen.length === 0) {
  console.error(`no such defect: ${args.join(' ')} (--list shows them)`);
  process.exit(2);
}
// the test files must pass on the clean tree, or a "kill" would mean nothing
const files = [...new Set(chosen.flatMap((d) => d.tests))];
const clean = runTests(files);
if (clean.killed) {
  console.error(`the clean tree fails: ${clean.by}`);
  process.exit(2);
}
console.log(`clean tree: ${files.length} test files pass`);
const results = [];
let restore = null;
process.on('SIGINT', () => {
  restore?.();
  process.exit(130);
});
for (const d of chosen) {
  const path = join(ROOT, d.file);
  const original = readFileSync(path, 'utf8');
  const count = original.split(d.from).length - 1;
  if (count !== 1) {
    console.error(`${d.id}: "${d.from}" occurs ${count} times in ${d.file}; fix the list`);
    process.exit(2);
  }
  restore = () => writeFileSync(path, original);
  writeFileSync(path, original.replace(d.from, d.to));
  let outcome;
  try {
    outcome = runTests(d.tests);
  } finally {
    restore();
    restore = null;
  }
  results.push({ ...d, ...outcome });
  console.log(`${outcome.killed ? 'killed  ' : 'SURVIVED'} ${d.id.padEnd(36)} ${outcome.by ?? `(${d.tests.join(', ')} pass)`}`);
}
const killed = results.filter((r) => r.killed).length;
console.log(`\n${killed} of ${results.length} defects killed (${((100 * killed) / results.length).toFixed(0)}%)`);
process.exit(killed === results.length ? 0 : 1);
