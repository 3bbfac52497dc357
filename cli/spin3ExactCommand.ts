/**
 * `liouville compare spin3-exact`: bias-free ReLU networks trained by GD on the exact 3-spin loss
 * (compare/spin3/exactGdStudy.ts), the excess over the bias-free floor fitted as `A + B·n^s` at each
 * recorded time, on all cores.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  analyseSpin3Exact, runSpin3ExactMembers, spin3ExactTasks, Spin3ExactStudyError, validateSpin3ExactStudy,
  type Spin3ExactAnalysis, type Spin3ExactStudySpec,
} from '../compare/index.ts';
import { ladder } from './compareConfig.ts';
import { CONFIG_FLAG, FORCE_FLAG, resolveConfig } from './configSchema.ts';
import { fieldsOf, flagsOf, shapeOf, type ParameterTable } from './parameters.ts';
import { verdictTableLines } from './verdictTable.ts';
import { describeWork, guardWork } from './workGuard.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { createProgress } from './progress.ts';
import { resultHeader, toJson, writeFileAtomic } from '../io/resultFile.ts';

const EXACT_PARAMETERS = {
  d: { flag: 'd', kind: 'number', value: 'd', default: '10', schema: z.int().min(1).max(200), help: 'input dimension (the paper: 10, 25, 50)', allowed: 'an integer in [1, 200]' },
  n: { flag: 'n', kind: 'string', value: 'n1,n2,…|a..b', default: '50..400', schema: ladder, help: 'the n-ladder (a..b: powers of two); at least 4 widths', allowed: 'an n-ladder: 50..400 or 50,100,200,400 (file: [50, 100])' },
  realizations: { flag: 'realizations', kind: 'number', value: 'K', default: '10', schema: z.int().min(2), help: 'realizations of the couplings a_pqr (the paper: 10)', allowed: 'an integer >= 2' },
  seed: { flag: 'seed', kind: 'number', value: 'int', default: '1', schema: z.int().min(0).max(2 ** 40), help: 'base seed (couplings: seed; networks: seed + 1, as compare spin3 draws them)', allowed: 'an integer in [0, 2^40]' },
  dt: { flag: 'dt', kind: 'number', value: 'Δt', default: '0.1', schema: z.number().gt(0), help: 'GD step in the mean-field time', allowed: 'a finite number > 0' },
  integrator: { flag: 'integrator', kind: 'string', value: 'euler|rk4', default: 'euler', schema: z.enum(['euler', 'rk4']), help: 'the time stepper (euler: the paper\'s GD; rk4: four velocity passes a step)', allowed: 'one of euler, rk4' },
  times: { flag: 'times', kind: 'times', value: 't1,t2,…', default: '25,50,100,200', schema: z.array(z.number().gt(0)).min(1), help: 'the times at which the loss is recorded and fitted; the last is the training time', allowed: 'increasing positive multiples of --dt, e.g. 25,50,100,200' },
  sigmaC: { flag: 'sigma-c', kind: 'number', value: 'σ', default: '1', schema: z.number().gt(0), help: 'initial c ~ N(0, σ²) (w ~ N(0, I/d), no bias)', allowed: 'a finite number > 0' },
  stepCheck: { flag: 'check', kind: 'switch', schema: z.boolean().default(false), help: 'train realization 0 again at Δt/2 at every n (the same networks) and print the relative change of its excess', allowed: 'true or false' },
  bootstrap: { flag: 'bootstrap', kind: 'number', value: 'B', default: '2000', schema: z.int().min(100), help: 'bootstrap replicates (95%)', allowed: 'an integer >= 100' },
  workers: { flag: 'workers', kind: 'number', value: 'k', schema: z.int().min(0).optional(), help: 'worker threads (default: all cores); 0 runs in the main thread. Results do not depend on it', allowed: 'an integer >= 0' },
  out: { flag: 'out', kind: 'string', value: 'dir', default: 'results', schema: z.string().min(1), help: 'output directory (writes compare-spin3-exact.json)', allowed: 'a directory name' },
} as const satisfies ParameterTable;

export const SPIN3_EXACT_FLAGS: readonly FlagSpec[] = [...flagsOf(EXACT_PARAMETERS), { name: 'quiet', help: 'no progress output' }, FORCE_FLAG, CONFIG_FLAG];

export const SPIN3_EXACT_USAGE = `liouville compare spin3-exact [flags]

Fig. 1's claim without SGD: bias-free ReLU networks (1/n) Σ c_i max(0, w_i·x) trained by gradient
descent on the exact 3-spin loss (the arc-cosine kernel and F(w) = ½ g·w in closed form: no batch
noise, no quench, no Monte-Carlo loss), for several realizations of a. The excess of the loss over
the realization's bias-free floor ½(E f² − |g|²) is fitted as A + B·n^s at each recorded time,
with a verdict on s at the last time against −1. Costs O(n² d) per velocity pass.

Examples:
  liouville compare spin3-exact --d 10 --n 50,100,200,400,800 --times 25,50,100,200
  liouville compare spin3-exact --d 25 --realizations 4 --check

Flags:
`;

const ExactConfigSchema = z.strictObject(shapeOf(EXACT_PARAMETERS));
const EXACT_FIELDS = fieldsOf(EXACT_PARAMETERS);
const FIELD_FLAGS: Readonly<Record<string, string>> = { ns: '--n', times: '--times', dt: '--dt', realizations: '--realizations', d: '--d' };

/**
 * One velocity pass of `n` units in `d` dimensions, in the size guard's operations (its rate is
 * 1.4e8 a second): measured 114 ns per unordered pair at d = 10 and 404 at d = 50 (n = 1000, one
 * core, Intel Xeon), i.e. about `d + 6` of the guard's operations.
 */
function passWork(n: number, d: number): number {
  return ((n * (n - 1)) / 2) * (d + 6);
}

export async function spin3ExactCommand(argv: readonly string[]): Promise<number> {
  const { config: c, quiet, force } = resolveConfig('compare', argv, SPIN3_EXACT_FLAGS, EXACT_FIELDS, ExactConfigSchema);
  const spec: Spin3ExactStudySpec = {
    d: c.d, ns: c.n, realizations: c.realizations, seed: c.seed, dt: c.dt, integrator: c.integrator, times: c.times, sigmaC: c.sigmaC,
    bootstrap: { replicates: c.bootstrap, level: 0.95 }, stepCheck: c.stepCheck,
  };
  try {
    validateSpin3ExactStudy(spec);
  } catch (err) {
    if (err instanceof Spin3ExactStudyError) throw new UsageError(`${FIELD_FLAGS[err.field.replace(/\[\d+\]$/, '')] ?? 'the configuration'}: ${err.message}`);
    throw err;
  }
  const workers = c.workers ?? availableParallelism();
  const tasks = spin3ExactTasks(spec);
  const T = spec.times[spec.times.length - 1]!;
  const passes = (spec.integrator === 'rk4' ? 4 : 1) * Math.round(T / spec.dt);
  const taskWork = (n: number, refine: number): number => passWork(n, spec.d) * (passes * refine + spec.times.length + 1);
  const nMax = Math.max(...spec.ns);
  const estimate = {
    work: tasks.reduce((a, t) => a + taskWork(t.n, t.refine ?? 1), 0),
    memoryBytes: Math.max(1, workers) * 8 * nMax * (spec.d + 1) * 12,
    flags: '--n, --d, --times, --dt or --realizations',
  };
  guardWork(estimate, force, workers);
  const scale = `d = ${spec.d}, bias-free ReLU, GD on the exact loss (${spec.integrator}, Δt = ${spec.dt}) to t = ${T}, the loss at t = ${spec.times.join(', ')}; ` +
    `n = ${spec.ns.join(', ')}; ${spec.realizations} realizations of a; c ~ N(0, ${spec.sigmaC}²), w ~ N(0, I/d)${spec.stepCheck ? '; realization 0 again at Δt/2' : ''}`;
  if (!quiet) process.stderr.write(`${scale}\n${tasks.length} members on ${workers || 1} thread(s); ${describeWork(estimate, workers)}\n`);
  const started = Date.now();
  const bar = createProgress('members', quiet);
  const total = tasks.reduce((a, t) => a + taskWork(t.n, t.refine ?? 1), 0);
  let done = 0;
  const members = await runSpin3ExactMembers(spec, workers, (k, count, m) => {
    done += taskWork(m.n, m.refine ?? 1);
    bar.update(done, total, `${k}/${count}`);
  }, tasks);
  bar.finish();
  const seconds = (Date.now() - started) / 1000;
  const analysis = analyseSpin3Exact(spec, members);
  const { out: _out, workers: _workers, ...input } = c;
  const file = join(c.out, 'compare-spin3-exact.json');
  writeFileAtomic(file, toJson({
    ...resultHeader('compare', ['compare', 'spin3-exact', ...argv], { claim: 'spin3-exact' }),
    config: { input }, spec, scale, members, analysis, timing: { seconds, workers },
  }));
  printSpin3Exact(spec, analysis);
  console.log(`${analysis.pairsPerSecond.toExponential(3)} unit pairs per second per thread; ${seconds.toFixed(1)} s; wrote ${file}`);
  return 0;
}

export function printSpin3Exact(spec: Spin3ExactStudySpec, a: Spin3ExactAnalysis): void {
  const iv = (b: { estimate: number; lower: number; upper: number }): string => `${b.estimate.toPrecision(3)} [${b.lower.toPrecision(3)}, ${b.upper.toPrecision(3)}]`;
  console.log(`\nexact-loss GD, d = ${spec.d}: mean excess loss − floor over the ${spec.realizations} realizations`);
  console.log(`${'t'.padStart(8)}  ${spec.ns.map((n) => `n = ${n}`.padStart(11)).join('')}   e(n) = A + B·n^s`);
  for (const st of a.stages) {
    console.log(`${String(st.t).padStart(8)}  ${st.excess.map((e) => e.toExponential(3).padStart(11)).join('')}   s = ${iv(st.fit.s)}, A = ${iv(st.fit.A)}; χ² = ${st.fit.chi2.toFixed(2)} on ${st.fit.dof}`);
  }
  if (a.stepCheck) {
    console.log(`step check (realization 0 at Δt/2): relative change of the excess at t = ${spec.times[spec.times.length - 1]}: ` +
      a.stepCheck.map((x) => `n = ${x.n}: ${x.relativeChange.toExponential(2)}`).join(', '));
  }
  for (const line of verdictTableLines([a.verdict])) console.log(line);
}
