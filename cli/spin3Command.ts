/**
 * `liouville compare spin3`: the paper's 3-spin experiment (Sec. 5, Fig. 1) at a reduced scale
 * stated in the output (compare/spin3Study.ts), on all cores, with the slope of the loss in n.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { analyseSpin3, runSpin3Members, Spin3StudyError, validateSpin3Study, type Spin3StudySpec } from '../compare/index.ts';
import { ladder } from './compareConfig.ts';
import { CONFIG_FLAG, FORCE_FLAG, resolveConfig, type ConfigField } from './configSchema.ts';
import { verdictTableLines } from './verdictTable.ts';
import { describeWork, guardWork, spin3Work } from './workGuard.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { createProgress } from './progress.ts';
import { provenance, RESULT_FORMAT, toJson, writeFileAtomic } from './resultFile.ts';

export const SPIN3_FLAGS: readonly FlagSpec[] = [
  { name: 'd', value: 'd', default: '10', help: 'input dimension (the paper: 10, 25, 50)' },
  { name: 'activation', value: 'relu|sigmoid', default: 'relu', help: 'the unit h' },
  { name: 'n', value: 'n1,n2,…|a..b', default: '64..1024', help: 'the n-ladder (a..b: powers of two)' },
  { name: 'realizations', value: 'K', default: '4', help: 'realizations of the couplings a_pqr' },
  { name: 'seeds', value: 'R', default: '1', help: 'training runs per realization and n' },
  { name: 'seed', value: 'int', default: '1', help: 'base seed (couplings: seed; networks and data: seed + 1; test points: seed + 2)' },
  { name: 'batch', value: 'P', default: '50', help: 'SGD batch (the paper: 50)' },
  { name: 'dt', value: 'Δt', default: '0.01', help: 'SGD step in the mean-field time (the paper: 1e-3 at d = 50; at d = 10 0.02 oscillates, 0.01 does not)' },
  { name: 'steps', value: 'S', default: '20000', help: 'SGD steps before the quench (the paper: 2e6)' },
  { name: 'quench-batch', value: 'P2|none', default: '500', help: 'batch of the late quench (the paper: 2500), or none' },
  { name: 'quench-steps', value: 'S2', default: '2000', help: 'steps of the quench (the paper: 2e5)' },
  { name: 'test-points', value: 'Q', default: '20000', help: 'fresh points for the loss and the discrepancies (the paper: 1e6)' },
  { name: 'sigma-c', value: 'σ', default: '1', help: 'initial c ~ N(0, σ²)' },
  { name: 'sigma-b', value: 'σ', default: '1', help: 'initial b ~ N(0, σ²) (w ~ N(0, I/d))' },
  { name: 'bootstrap', value: 'B', default: '2000', help: 'bootstrap replicates for the slope intervals (95%)' },
  { name: 'workers', value: 'k', help: 'worker threads (default: all cores); 0 runs in the main thread. Results do not depend on it' },
  { name: 'out', value: 'dir', default: 'results', help: 'output directory (writes compare-spin3.json)' },
  { name: 'quiet', help: 'no progress output' },
  FORCE_FLAG,
  CONFIG_FLAG,
];

export const SPIN3_USAGE = `liouville compare spin3 [flags]

The paper's 3-spin experiment at a reduced scale: f(x) = (1/d) Σ a_pqr x_p x_q x_r on the sphere
of radius √d, networks (1/n) Σ c_i h(w_i·x + b_i) trained by SGD with batch P and then quenched
with a larger batch, for several realizations of a; the loss and the signed discrepancies on fresh
points against n, and the slope of the loss with a bootstrap interval beside the paper's −1.
The paper used d = 50, n up to 6·10⁴, 2·10⁶ steps; the scale run is printed and recorded.

Example:
  liouville compare spin3 --d 10 --n 64..512 --steps 10000

Flags:
`;

const Spin3ConfigSchema = z.strictObject({
  d: z.int().min(1).max(200),
  activation: z.enum(['relu', 'sigmoid']),
  n: ladder,
  realizations: z.int().min(1),
  seeds: z.int().min(1),
  seed: z.int().min(0).max(2 ** 40),
  batch: z.int().min(1),
  dt: z.number().gt(0),
  steps: z.int().min(1),
  quenchBatch: z.union([z.literal('none'), z.int().min(2)]),
  quenchSteps: z.int().min(1),
  testPoints: z.int().min(2),
  sigmaC: z.number().gt(0),
  sigmaB: z.number().min(0),
  bootstrap: z.int().min(100),
  workers: z.int().min(0).optional(),
  out: z.string().min(1),
});

const SPIN3_FIELDS: readonly ConfigField[] = [
  { key: 'd', flag: 'd', kind: 'number', allowed: 'an integer in [1, 200]' },
  { key: 'activation', flag: 'activation', kind: 'string', allowed: 'one of relu, sigmoid' },
  { key: 'n', flag: 'n', kind: 'string', allowed: 'an n-ladder: 64..1024 or 64,128,256 (file: [64, 128])' },
  { key: 'realizations', flag: 'realizations', kind: 'number', allowed: 'an integer >= 1' },
  { key: 'seeds', flag: 'seeds', kind: 'number', allowed: 'an integer >= 1' },
  { key: 'seed', flag: 'seed', kind: 'number', allowed: 'an integer in [0, 2^40]' },
  { key: 'batch', flag: 'batch', kind: 'number', allowed: 'an integer >= 1' },
  { key: 'dt', flag: 'dt', kind: 'number', allowed: 'a finite number > 0' },
  { key: 'steps', flag: 'steps', kind: 'number', allowed: 'an integer >= 1' },
  { key: 'quenchBatch', flag: 'quench-batch', kind: 'number', allowed: 'an integer larger than --batch, or none' },
  { key: 'quenchSteps', flag: 'quench-steps', kind: 'number', allowed: 'an integer >= 1' },
  { key: 'testPoints', flag: 'test-points', kind: 'number', allowed: 'an integer >= 2' },
  { key: 'sigmaC', flag: 'sigma-c', kind: 'number', allowed: 'a finite number > 0' },
  { key: 'sigmaB', flag: 'sigma-b', kind: 'number', allowed: 'a finite number >= 0' },
  { key: 'bootstrap', flag: 'bootstrap', kind: 'number', allowed: 'an integer >= 100' },
  { key: 'workers', flag: 'workers', kind: 'number', allowed: 'an integer >= 0' },
  { key: 'out', flag: 'out', kind: 'string', allowed: 'a directory name' },
];

export async function spin3Command(argv: readonly string[]): Promise<number> {
  const { config: c, quiet, force } = resolveConfig('compare', argv, SPIN3_FLAGS, SPIN3_FIELDS, Spin3ConfigSchema);
  const spec: Spin3StudySpec = {
    d: c.d, activation: c.activation, ns: c.n, realizations: c.realizations, seedsPerRealization: c.seeds, seed: c.seed,
    batch: c.batch, dt: c.dt, steps: c.steps, quench: c.quenchBatch === 'none' ? null : { batch: c.quenchBatch, steps: c.quenchSteps },
    testPoints: c.testPoints, sigmaC: c.sigmaC, sigmaB: c.sigmaB, bootstrap: { replicates: c.bootstrap, level: 0.95 },
  };
  try {
    validateSpin3Study(spec);
  } catch (err) {
    if (err instanceof Spin3StudyError) {
      const flag = err.message.startsWith('quench.batch') ? '--quench-batch' : err.message.startsWith('ns') ? '--n' : 'the configuration';
      throw new UsageError(`${flag}: ${err.message}`);
    }
    throw err;
  }
  const workers = c.workers ?? availableParallelism();
  const runs = spec.realizations * spec.seedsPerRealization;
  const pointSteps = spec.steps * spec.batch + (spec.quench ? spec.quench.steps * spec.quench.batch : 0) + 2 * spec.testPoints;
  const nMax = Math.max(...spec.ns);
  const estimate = {
    work: spin3Work(runs * spec.ns.reduce((a, n) => a + n, 0) * pointSteps, spec.d),
    // per thread: the network (n × (d + 2)), the batch and its activations, the test points
    memoryBytes: Math.max(1, workers) * 8 * (nMax * (spec.d + 2) * 3 + Math.max(spec.batch, spec.quench?.batch ?? 0) * (spec.d + nMax) + spec.testPoints * (spec.d + 2)),
    flags: '--n, --d, --steps, --batch, --quench-steps, --quench-batch, --realizations, --seeds or --test-points',
  };
  guardWork(estimate, force, workers);
  const scale = `reduced scale: d = ${spec.d} (paper 50), n = ${spec.ns.join(',')} (paper 1e4…6e4), ${spec.steps} steps of Δt = ${spec.dt} with P = ${spec.batch}` +
    `${spec.quench ? `, then ${spec.quench.steps} with P = ${spec.quench.batch}` : ''} (paper 2e6 of 1e-3 with P = 50, then 2e5 with P = 2500); ` +
    `${spec.realizations} realizations of a × ${spec.seedsPerRealization} runs per n; ${spec.testPoints} test points (paper 1e6)`;
  if (!quiet) process.stderr.write(`${scale}\nmembers on ${workers || 1} thread(s); ${describeWork(estimate, workers)}\n`);
  const started = Date.now();
  const bar = createProgress('members', !quiet && process.stderr.isTTY === true);
  let lastDecile = -1;
  const members = await runSpin3Members(spec, workers, (d, t) => {
    bar.update(d, t, `${d}/${t}`);
    const decile = Math.floor((10 * d) / t);
    if (!quiet && process.stderr.isTTY !== true && decile !== lastDecile) {
      lastDecile = decile;
      process.stderr.write(`members: ${d}/${t}\n`);
    }
  });
  bar.finish();
  let analysis: ReturnType<typeof analyseSpin3>;
  try {
    analysis = analyseSpin3(spec, members);
  } catch (err) {
    // hours of training must not be lost to a failure after it: keep the members, say where
    const saved = join(c.out, 'compare-spin3.members.json');
    writeFileAtomic(saved, toJson({ format: RESULT_FORMAT, command: 'compare', claim: 'spin3-members', spec, members }));
    throw new Error(`the analysis failed (${(err as Error).message}); the ${members.length} members are saved in ${saved}`);
  }
  const seconds = (Date.now() - started) / 1000;
  const file = join(c.out, 'compare-spin3.json');
  const { out: _out, ...input } = c;
  writeFileAtomic(file, toJson({
    format: RESULT_FORMAT, command: 'compare', claim: 'spin3', argv: ['compare', 'spin3', ...argv], package: provenance(), createdAt: new Date().toISOString(),
    config: { input }, spec, scale, members, analysis, timing: { seconds, workers },
  }));
  console.log(`\n3-spin, ${spec.activation}: ${scale}\n`);
  console.log('       n   runs        loss ± s.e.        ⟨(f−f_n)Θ(f)⟩   ⟨(f_n−f)Θ(−f)⟩   loss before quench');
  for (const cell of analysis.cells) {
    console.log(`${String(cell.n).padStart(8)} ${String(cell.runs).padStart(6)}   ${`${cell.loss.toExponential(3)} ± ${cell.lossStandardError.toExponential(1)}`.padEnd(20)}` +
      `${cell.positive.toExponential(3).padStart(14)}   ${cell.negative.toExponential(3).padStart(14)}   ${cell.lossBeforeQuench === null ? '—' : cell.lossBeforeQuench.toExponential(3)}`);
  }
  console.log('\nslopes in n (95% bootstrap):');
  for (const s of analysis.slopes) {
    console.log(`  ${s.quantity.padEnd(26)} ${s.slope ? `${s.slope.estimate.toFixed(3)} [${s.slope.lower.toFixed(3)}, ${s.slope.upper.toFixed(3)}]` : 'a run\'s value is not positive: no log-log fit'}`);
  }
  const f = analysis.floorFit;
  const iv = (b: { estimate: number; lower: number; upper: number }): string => `${b.estimate.toPrecision(3)} [${b.lower.toPrecision(3)}, ${b.upper.toPrecision(3)}]`;
  console.log(f ? `\nloss(n) = A + B·n^s over the realizations: A = ${iv(f.A)}, B = ${iv(f.B)}, s = ${iv(f.s)}; χ² = ${f.chi2.toFixed(2)} on ${f.dof} degree(s) of freedom`
    : '\nloss(n) = A + B·n^s: not fitted (needs at least 4 values of n and 2 realizations)');
  for (const line of verdictTableLines([analysis.verdict])) console.log(line);
  console.log(`throughput ${analysis.throughput.toExponential(3)} unit·point-steps/s per thread; ${seconds.toFixed(1)} s; wrote ${file}`);
  return 0;
}
