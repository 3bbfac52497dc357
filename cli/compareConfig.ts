/**
 * The configuration of `liouville compare`, in the same zod schema style as `particles` and
 * `solve` (cli/configSchema.ts): flags and `--config file.json` resolved, then validated in one
 * place, before the reference or any member runs. The defaults of the ladder, the seeds and the
 * times depend on the claim (`CLAIM_DEFAULTS`), so the flag table is completed per claim before resolution.
 */
import { z } from 'zod';
import { CONFIG_FLAG, ENGINE_PARAMETER, FORCE_FLAG, resolveConfig } from './configSchema.ts';
import { fieldsOf, flagsOf, shapeOf, type ParameterTable } from './parameters.ts';
import { DENSITY_PROBLEM_PARAMETERS } from './problemFlags.ts';
import { UsageError, type FlagSpec } from './flags.ts';
import { PREDICTION_DEFAULT_DT, predictionCheckOf, StudySpecError, validateStudySpec, type Claim, type StudySpec } from '../compare/index.ts';
import { createTorusProblem } from '../model/index.ts';

const pair = z.strictObject({ ny: z.int().min(1), nc: z.int().min(1) });

/** `32..8192` (powers of two) or `32,64,128` from a flag; a list of integers from a file. */
export const ladder = z.union([z.array(z.int().min(1).max(2 ** 24 - 1)), z.string()]).transform((v, ctx) => {
  if (Array.isArray(v)) return v;
  const range = /^(\d+)\.\.(\d+)$/.exec(v.trim());
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (!(a >= 1 && b > a && b < 2 ** 24)) {
      ctx.addIssue({ code: 'custom', message: `the range "${v}" must be a..b with 1 <= a < b < 2^24` });
      return z.NEVER;
    }
    const out: number[] = [];
    for (let n = a; n <= b; n *= 2) out.push(n);
    // a range whose end is not on its ladder would stop short of it without a word
    if (out[out.length - 1] !== b) {
      ctx.addIssue({ code: 'custom', message: `the range "${v}" runs over the powers of two from ${a}, which miss ${b}: end it at ${out[out.length - 1]} or ${2 * out[out.length - 1]!}, or list the rungs` });
      return z.NEVER;
    }
    return out;
  }
  const parts = v.split(',').map((s) => Number(s.trim()));
  if (parts.some((n) => !Number.isSafeInteger(n) || n < 1 || n >= 2 ** 24)) {
    ctx.addIssue({ code: 'custom', message: `"${v}" must be integers in [1, 2^24) separated by commas, or a..b` });
    return z.NEVER;
  }
  return parts;
});

export const CLAIMS = ['lln', 'clt', 'healing', 'all', 'sgd', 'asymptotic'] as const;
export type ClaimWord = (typeof CLAIMS)[number];

/** Defaults per claim: `all` is the main job (`npm run compare`), sized for < 10 min on 2 cores. */
export const CLAIM_DEFAULTS: Record<ClaimWord, { readonly n: string; readonly seeds: string; readonly t: string }> = {
  clt: { n: '32..8192', seeds: '64', t: '0,1,10' },
  lln: { n: '32..8192', seeds: '32', t: '0,1,2,5,10' },
  healing: { n: '32..1024', seeds: '48', t: '0,1,10,30,100' },
  all: { n: '32..4096', seeds: '48', t: '0,1,2,5,10,20,50' },
  sgd: { n: '32..2048', seeds: '32', t: '0,1,5,10,20' },
  // the times are the schedules' a_n (and these): set from λ, see asymptoticSchedules
  asymptotic: { n: '32..1024', seeds: '32', t: '0' },
};

/** Reference resolutions per solver when the flags are not given. */
export const REFERENCE_DEFAULTS = {
  remeshed: { main: '256x256', check: '384x384' },
  lagrangian: { main: '192x48', check: '384x64' },
} as const;

/** "clt 64, lln 32, …": a per-claim default for the help, every claim listed. */
function perClaim(key: 'n' | 'seeds' | 't', sep = ' '): string {
  return CLAIMS.map((c) => `${c}${sep}${CLAIM_DEFAULTS[c][key]}`).join('; ');
}

export const COMPARE_PARAMETERS = {
  ...DENSITY_PROBLEM_PARAMETERS,
  n: { flag: 'n', kind: 'string', value: 'n1,n2,…|a..b', schema: ladder, help: `the n-ladder: a list, or a..b for the powers of two from a to b (default per claim: ${perClaim('n')})`, allowed: 'an n-ladder: 32..8192 or 32,64,128 (file: [32, 64, 128])' },
  seeds: { flag: 'seeds', kind: 'number', value: 'R', schema: z.int().min(2), help: `ensemble members per n (default per claim: ${perClaim('seeds')})`, allowed: 'an integer >= 2' },
  seed: { flag: 'seed', kind: 'number', value: 'int', default: '1', schema: z.int().min(0), help: 'base seed; member (n, r) uses stream r·2^24 + n of it', allowed: 'an integer >= 0' },
  times: { flag: 't', kind: 'times', value: 't0,t1,…', schema: z.array(z.number().min(0)).min(1), help: `recorded times (default per claim: ${perClaim('t')}; asymptotic adds its schedules' times)`, allowed: 'a non-empty list of strictly increasing finite times >= 0' },
  dt: { flag: 'dt', kind: 'number', value: 'Δt', default: '0.05', schema: z.number().gt(0), help: 'RK4 time step of the particle GD', allowed: 'a finite number > 0' },
  referenceMethod: { flag: 'reference-method', kind: 'string', value: 'remeshed|lagrangian', default: 'remeshed', schema: z.enum(['remeshed', 'lagrangian']), help: 'solver of the reference f₀(t): remeshed particles (high order at every time) or the Lagrangian quadrature', allowed: 'one of remeshed, lagrangian' },
  reference: { flag: 'reference', kind: 'pair', value: 'NYxNC', schema: pair.optional(), help: `resolution of the reference f₀(t): grid cells (remeshed, default ${REFERENCE_DEFAULTS.remeshed.main}) or quadrature nodes (lagrangian, default ${REFERENCE_DEFAULTS.lagrangian.main})`, allowed: 'NYxNC such as 192x48 (file: {"ny": 192, "nc": 48})' },
  referenceCheck: { flag: 'reference-check', kind: 'pair', value: 'NYxNC', schema: pair.optional(), help: `finer run whose distance bounds the reference error (default ${REFERENCE_DEFAULTS.remeshed.check} remeshed, with half the interval; ${REFERENCE_DEFAULTS.lagrangian.check} lagrangian)`, allowed: 'NYxNC such as 512x256' },
  density: {
    flag: 'density', kind: 'pair', value: 'NYxNC|none', default: '128x128',
    schema: z.union([z.literal('none'), z.strictObject({
      ny: z.int().min(4).refine((v) => (v & (v - 1)) === 0, { message: 'density.ny must be a power of two >= 4 (the FFT size)' }),
      nc: z.int().min(4, { message: 'an integer >= 4' }),
    })]),
    help: 'finite-volume grid for ρ₀\'s density (W1 of the marginals, binned L1 of the joint law: laws, so the positive solver), or none',
    allowed: 'NYxNC with NY a power of two >= 4 and NC >= 4, or none',
  },
  L: { flag: 'L', kind: 'number', value: 'L', default: '10', schema: z.number().gt(0), help: 'c-domain half-width of the density grid and of the remeshed reference (wide enough that < 1e-6 of the mass leaves by t = 50 on vonmises:2)', allowed: 'a finite number > 0' },
  alpha: { flag: 'alpha', kind: 'number', value: 'α', schema: z.number().gt(0).max(1).optional(), help: 'compare sgd: online SGD with batch P = ⌈n^(2α)⌉, i.e. noise θ = Δt·n^(−2α) (default 0.25)', allowed: 'a number in (0, 1] (compare sgd: batch P = ⌈n^(2α)⌉)' },
  quench: { flag: 'quench', kind: 'string', value: 'T:αq|none', schema: z.string().trim().regex(/^(none|\d+(\.\d+)?:\d+(\.\d+)?)$/).optional(), help: 'compare sgd: from time T the batch is ⌈n^(2αq)⌉ (the paper\'s late quench; αq = 1 is P = n²); default none', allowed: 'T:αq, a time and a larger α from which P = ⌈n^(2αq)⌉ (compare sgd), or none' },
  lambda: { flag: 'lambda', kind: 'number', value: 'λ', schema: z.number().gt(0).optional(), help: 'compare asymptotic: the decay rate of P(t) ∝ e^(−2λt) that sets the schedules (default: from the predicted prefactor at t = 0,1,2,5,10,20,50)', allowed: 'a decay rate > 0 of the prefactor P(t) ∝ e^(−2λt) (compare asymptotic)' },
  kappa: { flag: 'kappa', kind: 'string', value: 'k1,k2,…', schema: z.string().trim().regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/).optional(), help: 'compare asymptotic: the borderline schedules a_n = k·log n/(2λ) (default 0.5,2: on both sides of healing)', allowed: 'positive multiples of 1/(2λ) separated by commas, e.g. 0.5,2 (compare asymptotic)' },
  power: { flag: 'power', kind: 'number', value: 'p', schema: z.number().gt(1).optional(), help: 'compare asymptotic: the schedule a_n = (log n)^p/(2λ), a_n/log n → ∞ (Prop. 3.3\'s hypothesis; default 1.5)', allowed: 'a number > 1: the schedule a_n = (log n)^p/(2λ) (compare asymptotic)' },
  predict: { flag: 'predict', kind: 'pair', value: 'NYxNC|none', default: '64x16', schema: z.union([z.literal('none'), pair]), help: 'quadrature of the predicted CLT prefactor n·E‖f_n − f₀‖² (adjoint of the Lagrangian solver), compared with the measured one and checked on ¾ of its nodes each way; its influence is every member\'s control variate; none to skip', allowed: 'NYxNC (the quadrature of the CLT-prefactor prediction), or none' },
  predictDt: { flag: 'predict-dt', kind: 'number', value: 'Δt', default: String(PREDICTION_DEFAULT_DT), schema: z.number().gt(0), help: 'RK8 step of the prediction\'s forward and adjoint sweeps (and of the transported responses); its check steps at twice it', allowed: 'a finite number > 0 (the prediction\'s RK8 step)' },
  control: { flag: 'control', kind: 'string', value: 'interpolant|transport', default: 'interpolant', schema: z.enum(['interpolant', 'transport']), help: 'how each member\'s control variate δ_lin gets the influence at its particles: interpolated off the prediction\'s nodes (E‖δ_lin‖² exact), or transported exactly with the prediction (work ∝ the members\' particles; at late times, where phase mixing outruns the interpolant, ~10× more variance removed)', allowed: 'one of interpolant, transport' },
  bootstrap: { flag: 'bootstrap', kind: 'number', value: 'B', default: '2000', schema: z.int().min(100), help: 'bootstrap replicates for the slope intervals (95%)', allowed: 'an integer >= 100' },
  engine: ENGINE_PARAMETER,
  workers: { flag: 'workers', kind: 'number', value: 'k', schema: z.int().min(0).optional(), help: 'worker threads (default: all cores); 0 runs in the main thread. Results do not depend on it', allowed: 'an integer >= 0' },
  shard: { flag: 'shard', kind: 'string', value: 'i/N', schema: z.string().regex(/^\d+\/\d+$/).optional(), help: 'run only slice i of N (1-based) of the members and write them for `liouville merge`', allowed: 'i/N with 1 <= i <= N' },
  submission: { flag: 'submission', kind: 'string', value: 'id', schema: z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/).optional(), help: 'with --shard: the submission this slice belongs to, recorded in the shard (the Slurm script sets it) so that merge --submission takes no stale slice', allowed: 'letters, digits and . _ : - (at most 80)' },
  out: { flag: 'out', kind: 'string', value: 'dir', default: 'results', schema: z.string().min(1), help: 'output directory', allowed: 'a directory name' },
  dryRun: { flag: 'dry-run', kind: 'switch', schema: z.boolean().default(false), help: 'check the study (flags, spec, size guard) and print its size, then stop: nothing runs, nothing is written', allowed: 'true or false' },
  resume: { flag: 'resume', kind: 'switch', schema: z.boolean().default(false), help: 'continue an interrupted run from its checkpoint (<out>/…members.jsonl): only the missing members run', allowed: 'true or false' },
} as const satisfies ParameterTable;

/** The flags that run a study in slices, shared by `compare spin3` (the same entries, not copies). */
export const SLICE_PARAMETERS = {
  shard: COMPARE_PARAMETERS.shard, submission: COMPARE_PARAMETERS.submission, dryRun: COMPARE_PARAMETERS.dryRun, resume: COMPARE_PARAMETERS.resume,
} as const satisfies ParameterTable;

/** The rules between the slice flags: `--submission` needs `--shard`, and `i/N` has `1 ≤ i ≤ N`. */
export function sliceIssues(c: { readonly shard?: string | undefined; readonly submission?: string | undefined }, ctx: z.RefinementCtx): void {
  if (c.submission !== undefined && c.shard === undefined) ctx.addIssue({ code: 'custom', path: ['submission'], message: 'applies to a slice (--shard i/N) only' });
  if (c.shard !== undefined) {
    const [i, N] = c.shard.split('/').map(Number) as [number, number];
    if (!(N >= 1 && i >= 1 && i <= N)) ctx.addIssue({ code: 'custom', path: ['shard'], message: 'must be i/N with 1 <= i <= N' });
  }
}

/** `--shard i/N` as the 0-based slice the studies take, or undefined. */
export function parseShard(shard: string | undefined): { index: number; count: number } | undefined {
  if (shard === undefined) return undefined;
  const [i, N] = shard.split('/').map(Number) as [number, number];
  return { index: i - 1, count: N };
}

export const COMPARE_FLAGS: readonly FlagSpec[] = [
  ...flagsOf(COMPARE_PARAMETERS),
  { name: 'quiet', help: 'no progress output' },
  FORCE_FLAG,
  CONFIG_FLAG,
];

export const CompareConfigSchema = z
  .strictObject(shapeOf(COMPARE_PARAMETERS))
  .superRefine((c, ctx) => {
    if (c.n.length < 2) ctx.addIssue({ code: 'custom', path: ['n'], message: 'needs at least two values of n for a slope' });
    c.n.forEach((v, k) => {
      if (k > 0 && !(v > c.n[k - 1]!)) ctx.addIssue({ code: 'custom', path: ['n'], message: `must increase strictly, but ${v} follows ${c.n[k - 1]}` });
    });
    c.times.forEach((t, k) => {
      if (k > 0 && !(t > c.times[k - 1]!)) ctx.addIssue({ code: 'custom', path: ['times'], message: `must increase strictly, but ${t} follows ${c.times[k - 1]}` });
    });
    const q = c.reference;
    const f = c.referenceCheck;
    if (q && f && !(f.ny >= q.ny && f.nc >= q.nc && (f.ny > q.ny || f.nc > q.nc))) {
      ctx.addIssue({ code: 'custom', path: ['referenceCheck'], message: `must be a quadrature finer than --reference ${q.ny}x${q.nc}` });
    }
    sliceIssues(c, ctx);
  });

export type CompareConfig = z.output<typeof CompareConfigSchema>;

export const COMPARE_FIELDS = fieldsOf(COMPARE_PARAMETERS);

/** The claims a `compare` word runs. */
export function claimsOf(word: ClaimWord): Claim[] {
  return word === 'all' ? ['lln', 'clt', 'healing'] : word === 'sgd' ? ['sgd', 'lln'] : word === 'asymptotic' ? ['healing'] : [word];
}

/**
 * A study spec (the library's `StudySpec`, as `runStudy` takes it and every compare result file
 * records it) as `compare`'s config keys, so `--config` reruns a scripted study or a stored one
 * (flags given beside it still win). Validated by the library first; what the flags cannot say
 * (another bootstrap level or prediction step, two c-widths, Prop. 3.3's computed schedules) is
 * refused by name rather than changed.
 */
export function configFromStudySpec(word: ClaimWord, value: Record<string, unknown>, path: string): Record<string, unknown> {
  const at = `--config: "${path}"`;
  try {
    validateStudySpec(value as unknown as StudySpec);
  } catch (err) {
    if (err instanceof StudySpecError) throw new UsageError(`${at}: a study spec with ${err.message}`);
    throw err;
  }
  const spec = value as unknown as StudySpec;
  const wanted = claimsOf(word);
  if ([...spec.claims].sort().join(',') !== [...wanted].sort().join(',')) {
    throw new UsageError(`${at}: a study of the claims ${spec.claims.join(', ')}, but compare ${word} runs ${wanted.join(', ')}`);
  }
  if (spec.schedules) throw new UsageError(`${at}: a compare asymptotic study (its schedules were computed from λ, κ and p): give --lambda, --kappa, --power and --t instead`);
  if (spec.bootstrap.level !== 0.95) throw new UsageError(`${at}: bootstrap.level = ${spec.bootstrap.level}, but compare's intervals are at 0.95`);
  const check = spec.prediction?.check;
  if (spec.prediction && check) {
    const derived = predictionCheckOf(spec.prediction, createTorusProblem(spec.problem).M);
    if (!derived || derived.ny !== check.ny || derived.nc !== check.nc) {
      throw new UsageError(`${at}: prediction.check = ${check.ny}x${check.nc}, but compare checks a ${spec.prediction.ny}x${spec.prediction.nc} prediction on ${derived ? `${derived.ny}x${derived.nc}` : 'none'}`);
    }
    if (check.dt !== derived.dt) {
      throw new UsageError(`${at}: prediction.check.dt = ${check.dt}, but compare checks its prediction at twice its step, ${derived.dt}`);
    }
  }
  const ref = spec.reference;
  const widths = [ref.method === 'remeshed' ? ref.L : undefined, spec.density?.L].filter((v): v is number => v !== undefined);
  if (widths.length === 2 && widths[0] !== widths[1]) {
    throw new UsageError(`${at}: reference.L = ${widths[0]} and density.L = ${widths[1]}, but compare has one --L for both`);
  }
  const config: Record<string, unknown> = {
    unit: spec.problem.unit, target: spec.problem.target, modeTolerance: spec.problem.modeTolerance, maxModes: spec.problem.maxModes,
    cMean: spec.law.cMean, sigmaC: spec.law.sigmaC,
    n: spec.ns, seeds: spec.seeds, seed: spec.seed, times: spec.times, dt: spec.dt,
    referenceMethod: ref.method ?? 'lagrangian', reference: { ny: ref.ny, nc: ref.nc }, referenceCheck: { ny: ref.check.ny, nc: ref.check.nc },
    density: spec.density ? { ny: spec.density.ny, nc: spec.density.nc } : 'none',
    bootstrap: spec.bootstrap.replicates,
    predict: spec.prediction ? { ny: spec.prediction.ny, nc: spec.prediction.nc } : 'none',
    control: spec.prediction?.control ?? 'interpolant',
    predictDt: spec.prediction?.dt ?? PREDICTION_DEFAULT_DT,
    engine: spec.engine ?? 'js',
  };
  if (widths.length > 0) config['L'] = widths[0];
  if (spec.sgd) {
    config['alpha'] = spec.sgd.alpha;
    config['quench'] = spec.sgd.quench ? `${spec.sgd.quench.at}:${spec.sgd.quench.alpha}` : 'none';
  }
  return config;
}

/** Resolves and validates `compare <word>`'s flags (with the claim's defaults) and `--config` (config keys, a study spec, or a compare result). */
export function resolveCompareConfig(word: ClaimWord, argv: readonly string[], specs: readonly FlagSpec[]): { config: CompareConfig; quiet: boolean; force: boolean } {
  return resolveConfig('compare', argv, specs, COMPARE_FIELDS, CompareConfigSchema, { fromStudySpec: (spec, path) => configFromStudySpec(word, spec, path) });
}
