/**
 * The configuration of `liouville compare`, in the same zod schema style as `particles` and
 * `solve` (cli/configSchema.ts): flags and `--config file.json` resolved, then validated in one
 * place, before the reference or any member runs. The defaults of the ladder, the seeds and the
 * times depend on the claim, so the flag table is completed per claim before resolution.
 */
import { z } from 'zod';
import { PROBLEM_FIELDS, problemShape, resolveConfig, type ConfigField } from './configSchema.ts';
import type { FlagSpec } from './flags.ts';

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
    return out;
  }
  const parts = v.split(',').map((s) => Number(s.trim()));
  if (parts.some((n) => !Number.isSafeInteger(n) || n < 1 || n >= 2 ** 24)) {
    ctx.addIssue({ code: 'custom', message: `"${v}" must be integers in [1, 2^24) separated by commas, or a..b` });
    return z.NEVER;
  }
  return parts;
});

export const CompareConfigSchema = z
  .strictObject({
    ...problemShape,
    sigmaC: z.number().gt(0),
    n: ladder,
    seeds: z.int().min(2),
    seed: z.int().min(0),
    times: z.array(z.number().min(0)).min(1),
    dt: z.number().gt(0),
    referenceMethod: z.enum(['remeshed', 'lagrangian']),
    reference: pair.optional(),
    referenceCheck: pair.optional(),
    density: z.union([z.literal('none'), z.strictObject({
      ny: z.int().min(4).refine((v) => (v & (v - 1)) === 0, { message: 'density.ny must be a power of two >= 4 (the FFT size)' }),
      nc: z.int().min(4, { message: 'an integer >= 4' }),
    })]),
    L: z.number().gt(0),
    predict: z.union([z.literal('none'), pair]),
    alpha: z.number().gt(0).max(1).optional(),
    quench: z.string().trim().regex(/^(none|\d+(\.\d+)?:\d+(\.\d+)?)$/).optional(),
    lambda: z.number().gt(0).optional(),
    kappa: z.string().trim().regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/).optional(),
    power: z.number().gt(1).optional(),
    bootstrap: z.int().min(100),
    workers: z.int().min(0).optional(),
    shard: z.string().regex(/^\d+\/\d+$/).optional(),
    out: z.string().min(1),
    resume: z.boolean().default(false),
  })
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
    if (c.shard !== undefined) {
      const [i, N] = c.shard.split('/').map(Number) as [number, number];
      if (!(N >= 1 && i >= 1 && i <= N)) ctx.addIssue({ code: 'custom', path: ['shard'], message: 'must be i/N with 1 <= i <= N' });
    }
  });

export type CompareConfig = z.output<typeof CompareConfigSchema>;

export const COMPARE_FIELDS: readonly ConfigField[] = [
  ...PROBLEM_FIELDS.map((f) => (f.key === 'sigmaC' ? { ...f, allowed: 'a finite number > 0 (ρ_in needs a density)' } : f)),
  { key: 'n', flag: 'n', kind: 'string', allowed: 'an n-ladder: 32..8192 or 32,64,128 (file: [32, 64, 128])' },
  { key: 'seeds', flag: 'seeds', kind: 'number', allowed: 'an integer >= 2' },
  { key: 'seed', flag: 'seed', kind: 'number', allowed: 'an integer >= 0' },
  { key: 'times', flag: 't', kind: 'times', allowed: 'a non-empty list of strictly increasing finite times >= 0' },
  { key: 'dt', flag: 'dt', kind: 'number', allowed: 'a finite number > 0' },
  { key: 'reference', flag: 'reference', kind: 'pair', allowed: 'NYxNC such as 192x48 (file: {"ny": 192, "nc": 48})' },
  { key: 'referenceCheck', flag: 'reference-check', kind: 'pair', allowed: 'NYxNC such as 512x256' },
  { key: 'referenceMethod', flag: 'reference-method', kind: 'string', allowed: 'one of remeshed, lagrangian' },
  { key: 'density', flag: 'density', kind: 'pair', allowed: 'NYxNC with NY a power of two >= 4 and NC >= 4, or none' },
  { key: 'L', flag: 'L', kind: 'number', allowed: 'a finite number > 0' },
  { key: 'alpha', flag: 'alpha', kind: 'number', allowed: 'a number in (0, 1] (compare sgd: batch P = ⌈n^(2α)⌉)' },
  { key: 'quench', flag: 'quench', kind: 'string', allowed: 'T:αq, a time and a larger α from which P = ⌈n^(2αq)⌉ (compare sgd), or none' },
  { key: 'lambda', flag: 'lambda', kind: 'number', allowed: 'a decay rate > 0 of the prefactor P(t) ∝ e^(−2λt) (compare asymptotic)' },
  { key: 'kappa', flag: 'kappa', kind: 'string', allowed: 'positive multiples of 1/(2λ) separated by commas, e.g. 0.5,2 (compare asymptotic)' },
  { key: 'power', flag: 'power', kind: 'number', allowed: 'a number > 1: the schedule a_n = (log n)^p/(2λ) (compare asymptotic)' },
  { key: 'predict', flag: 'predict', kind: 'pair', allowed: 'NYxNC (the quadrature of the CLT-prefactor prediction), or none' },
  { key: 'bootstrap', flag: 'bootstrap', kind: 'number', allowed: 'an integer >= 100' },
  { key: 'workers', flag: 'workers', kind: 'number', allowed: 'an integer >= 0' },
  { key: 'shard', flag: 'shard', kind: 'string', allowed: 'i/N with 1 <= i <= N' },
  { key: 'out', flag: 'out', kind: 'string', allowed: 'a directory name' },
  { key: 'resume', flag: 'resume', kind: 'switch', allowed: 'true or false' },
];

/** Resolves and validates `compare`'s flags (with the claim's defaults) and `--config`. */
export function resolveCompareConfig(argv: readonly string[], specs: readonly FlagSpec[]): { config: CompareConfig; quiet: boolean; force: boolean } {
  return resolveConfig('compare', argv, specs, COMPARE_FIELDS, CompareConfigSchema);
}
