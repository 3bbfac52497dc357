/**
 * The parameter tables of `liouville particles` and `liouville solve` (`parameters.ts`: each
 * parameter's key, flag, schema, default and help once), their config schemas, and the resolver
 * every command with a config uses.
 *
 * A command turns its flags into a raw object keyed like a config file (`--sigma-c` → `sigmaC`,
 * `--t` → `times`, `--grid 64x32` → `grid: { ny: 64, nc: 32 }`), lays it over the object read from
 * `--config file.json` (flags given on the command line win, the file wins over flag defaults),
 * and validates the result here before any work starts. Every failure becomes ONE message that
 * names the flag, the config key, the value given and what is allowed, e.g.
 * `--n (config "n"): got "0", must be an integer >= 1`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TORUS_ENGINE_KINDS, parseBatchSchedule } from '../particles/index.ts';
import { GAUSS_HERMITE_MAX_NODES, GRID_DEFAULTS, LAGRANGIAN_DEFAULTS, METHOD_NAMES, REMESHED_DEFAULTS, STRICT_OUTFLOW } from '../solver/index.ts';
import { parseFlags, UsageError, type FlagSpec } from './flags.ts';
import { resultFormatOf } from '../io/readResult.ts';
import { upgradeResult } from '../io/upgradeResult.ts';
import { fieldsOf, shapeOf, type ConfigField, type FieldKind, type ParameterTable } from './parameters.ts';
import { DENSITY_PROBLEM_PARAMETERS, PROBLEM_PARAMETERS } from './problemFlags.ts';

// ---------------------------------------------------------------------------------------------
// Schemas

const times = z.array(z.number().min(0)).min(1);
const GRID_PAIR = z.strictObject({ ny: z.int().min(4).max(2 ** 24), nc: z.int().min(4).max(2 ** 24) });
const switchValue = z.boolean().default(false);
const TIMES_ALLOWED = 'a non-empty list of strictly increasing finite times >= 0 (flag: 0,1,10; file: [0, 1, 10])';
const SWITCH_ALLOWED = 'true or false';

/** `liouville particles`: one finite-n run. */
/** `--engine`, shared by particles and compare: what steps the torus particles (particles/torusEngine.ts). */
export const ENGINE_PARAMETER = {
  flag: 'engine', kind: 'string', value: 'auto|' + TORUS_ENGINE_KINDS.join('|'), default: 'auto', schema: z.enum(['auto', ...TORUS_ENGINE_KINDS]),
  help: 'what steps the particles: the WebAssembly SIMD kernel with fused multiply-adds (relaxed SIMD) or without, or the JavaScript reference; '
    + 'auto: the fastest this platform runs (js for --interaction direct). They agree to rounding; the one used is recorded',
  allowed: `one of auto, ${TORUS_ENGINE_KINDS.join(', ')}`,
} as const;

export const PARTICLES_PARAMETERS = {
  ...PROBLEM_PARAMETERS,
  n: { flag: 'n', kind: 'number', value: 'count', required: true, schema: z.int().min(1), help: 'number of particles (units) n >= 1', allowed: 'an integer >= 1' },
  seed: { flag: 'seed', kind: 'number', value: 'int', default: '1', schema: z.int().min(0), help: 'seed of the random stream (integer >= 0); the same seed gives the same bits', allowed: 'an integer >= 0 (a safe integer)' },
  stream: { flag: 'stream', kind: 'number', value: 'int', default: '0', schema: z.int().min(0), help: 'independent stream of the seed, for ensemble members', allowed: 'an integer >= 0 (a safe integer)' },
  times: { flag: 't', kind: 'times', value: 't0,t1,…', required: true, schema: times, help: 'strictly increasing times >= 0 at which to record', allowed: TIMES_ALLOWED },
  dynamics: { flag: 'dynamics', kind: 'string', value: 'gd|sgd', default: 'gd', schema: z.enum(['gd', 'sgd']), help: 'gradient descent (eq. 9) or online SGD (eqs. 21–22)', allowed: 'one of gd, sgd' },
  integrator: { flag: 'integrator', kind: 'string', value: 'rk4|euler', default: 'rk4', schema: z.enum(['rk4', 'euler']), help: 'time stepper for GD; SGD is always forward Euler (eq. 22)', allowed: 'one of rk4, euler' },
  dt: { flag: 'dt', kind: 'number', value: 'Δt', default: '0.05', schema: z.number().gt(0), help: 'time step; the last step before each recorded time is shortened to land on it', allowed: 'a finite number > 0' },
  batch: { flag: 'batch', kind: 'string', value: 'P[,P2@t2…]', schema: z.string().trim().min(1).optional(), help: 'SGD batch schedule, e.g. 50 or 50,2500@80 for a quench to 2500 from t = 80', allowed: 'a batch schedule such as "50" or "50,2500@80"' },
  frozenY: { flag: 'frozen-y', kind: 'switch', schema: switchValue, help: 'move only c (random-features variant)', allowed: SWITCH_ALLOWED },
  interaction: { flag: 'interaction', kind: 'string', value: 'spectral|direct', default: 'spectral', schema: z.enum(['spectral', 'direct']), help: 'O(n·M) Fourier moments, or the O(n²) pair sum that checks them', allowed: 'one of spectral, direct' },
  engine: ENGINE_PARAMETER,
  particles: { flag: 'particles', kind: 'switch', schema: switchValue, help: 'also write the particles (y, c) of every snapshot', allowed: SWITCH_ALLOWED },
  out: { flag: 'out', kind: 'string', value: 'file.json', required: true, schema: z.string().min(1), help: 'result file (written atomically at the end)', allowed: 'a file name' },
} as const satisfies ParameterTable;

export const PARTICLES_FIELDS = fieldsOf(PARTICLES_PARAMETERS);

export const ParticlesConfigSchema = z
  .strictObject(shapeOf(PARTICLES_PARAMETERS))
  .superRefine((c, ctx) => {
    checkIncreasing(c.times, ctx);
    if (c.dynamics === 'sgd') {
      if (c.batch === undefined) {
        ctx.addIssue({ code: 'custom', path: ['batch'], message: 'is required with --dynamics sgd (e.g. --batch 50 or 50,2500@80)' });
      } else {
        try {
          parseBatchSchedule(c.batch);
        } catch (err) {
          ctx.addIssue({ code: 'custom', path: ['batch'], message: `must be a batch schedule P[,P2@t2…]: ${(err as Error).message}` });
        }
      }
      if (c.interaction !== 'spectral') {
        ctx.addIssue({ code: 'custom', path: ['interaction'], message: 'must be spectral with --dynamics sgd (SGD uses the spectral batch estimate)' });
      }
    } else if (c.batch !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['batch'], message: 'applies to --dynamics sgd only' });
    }
  });

/** `liouville solve`: ρ₀ by one solver method. Per-method defaults come from the solvers (`solver/methods.ts`). */
export const SOLVE_PARAMETERS = {
  ...DENSITY_PROBLEM_PARAMETERS,
  times: { flag: 't', kind: 'times', value: 't0,t1,…', required: true, schema: times, help: 'strictly increasing times >= 0 at which to record', allowed: TIMES_ALLOWED },
  method: { flag: 'method', kind: 'string', value: 'remeshed|grid|lagrangian', default: 'remeshed', schema: z.enum(['remeshed', 'grid', 'lagrangian']), help: 'remeshed particles (high order), finite-volume grid (second order, positive), or weighted characteristics on a fixed quadrature', allowed: `one of ${METHOD_NAMES.join(', ')}` },
  grid: { flag: 'grid', kind: 'pair', value: 'NYxNC', schema: GRID_PAIR.optional(), help: `cells in y (> 2M; a power of two for grid) and in c (methods remeshed and grid; default ${REMESHED_DEFAULTS.ny}x${REMESHED_DEFAULTS.nc} remeshed, ${GRID_DEFAULTS.ny}x${GRID_DEFAULTS.nc} grid)`, allowed: 'NYxNC such as 256x128 (file: {"ny": 256, "nc": 128})' },
  L: { flag: 'L', kind: 'number', value: 'L', schema: z.number().gt(0).optional(), help: `the c domain is [−L, L]; mass leaving it is counted as outflow (methods remeshed and grid; default ${REMESHED_DEFAULTS.L} remeshed, ${GRID_DEFAULTS.L} grid)`, allowed: 'a finite number > 0' },
  maxOutflow: { flag: 'max-outflow', kind: 'number', value: 'mass', default: STRICT_OUTFLOW.toExponential(), schema: z.number().min(0), help: 'stop with a message when more mass than this has left through |c| = L (methods remeshed and grid)', allowed: 'a number >= 0 (mass allowed to leave through |c| = L)' },
  cfl: { flag: 'cfl', kind: 'number', value: 'C', default: String(GRID_DEFAULTS.cfl), schema: z.number().gt(0).max(0.5), help: 'Courant number of the positivity bound, in (0, 0.5] (method grid)', allowed: 'a number in (0, 0.5] (the positivity bound)' },
  quadrature: { flag: 'quadrature', kind: 'pair', value: 'NYxNC', default: `${LAGRANGIAN_DEFAULTS.ny}x${LAGRANGIAN_DEFAULTS.nc}`, schema: z.strictObject({ ny: z.int().min(1), nc: z.int().min(1).max(GAUSS_HERMITE_MAX_NODES) }), help: 'trapezoid nodes in y × Gauss–Hermite nodes in c (method lagrangian)', allowed: 'NYxNC such as 192x48 (file: {"ny": 192, "nc": 48})' },
  tau: { flag: 'tau', kind: 'number', value: 'τ', schema: z.number().gt(0).optional(), help: `remesh interval (method remeshed, default ${REMESHED_DEFAULTS.tau})`, allowed: 'a finite number > 0 (the remesh interval)' },
  dt: { flag: 'dt', kind: 'number', value: 'Δt', schema: z.number().gt(0).optional(), help: `RK8 step (method lagrangian, default ${LAGRANGIAN_DEFAULTS.dt})`, allowed: 'a finite number > 0 (the RK8 step)' },
  substeps: { flag: 'substeps', kind: 'number', value: 'k', schema: z.int().min(1).max(1000).optional(), help: `RK8 steps per remesh interval (method remeshed, default ${REMESHED_DEFAULTS.substeps})`, allowed: 'an integer in [1, 1000]' },
  order: { flag: 'order', kind: 'number', value: 'p', schema: z.int().min(2).max(12).refine((v) => v % 2 === 0).optional(), help: `order of the remeshing kernel, even in [2, 12] (method remeshed, default ${REMESHED_DEFAULTS.order})`, allowed: 'an even integer in [2, 12]' },
  check: { flag: 'check', kind: 'switch', schema: switchValue, help: 'also solve with finer cells or nodes (--check-grid) and record the difference as the error estimate; the remeshed check also halves the interval (RK8 step no longer than the run’s)', allowed: SWITCH_ALLOWED },
  checkGrid: { flag: 'check-grid', kind: 'pair', value: 'NYxNC', schema: GRID_PAIR.optional(), help: 'cells (nodes, method lagrangian) of the --check run, at least the run’s in each direction and more in one (default: twice the run’s in each direction)', allowed: 'NYxNC such as 1024x256 (file: {"ny": 1024, "nc": 256})' },
  frozenY: { flag: 'frozen-y', kind: 'switch', schema: switchValue, help: 'move only c (the random-features variant)', allowed: SWITCH_ALLOWED },
  density: { flag: 'density', kind: 'switch', schema: switchValue, help: 'also write ρ₀ on the grid and its y and c marginals at every time (methods remeshed and grid)', allowed: SWITCH_ALLOWED },
  out: { flag: 'out', kind: 'string', value: 'file.json', required: true, schema: z.string().min(1), help: 'result file (written atomically at the end)', allowed: 'a file name' },
} as const satisfies ParameterTable;

export const SOLVE_FIELDS = fieldsOf(SOLVE_PARAMETERS);

export const SolveConfigSchema = z
  .strictObject(shapeOf(SOLVE_PARAMETERS))
  .superRefine((c, ctx) => {
    checkIncreasing(c.times, ctx);
    if (c.density && c.method === 'lagrangian') ctx.addIssue({ code: 'custom', path: ['density'], message: 'goes with --method remeshed or grid (the Lagrangian solver has no grid)' });
    if (c.method === 'grid' && c.grid && (c.grid.ny & (c.grid.ny - 1)) !== 0) {
      ctx.addIssue({ code: 'custom', path: ['grid'], message: `grid.ny = ${c.grid.ny} must be a power of two with --method grid (the FFT size)` });
    }
    if (c.method !== 'lagrangian' && c.dt !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['dt'], message: `goes with --method lagrangian only (${c.method === 'remeshed' ? 'the remesh interval is --tau' : 'the grid solver takes its step from --cfl'})` });
    }
    if (c.method !== 'remeshed') {
      for (const key of ['tau', 'substeps', 'order'] as const) {
        if (c[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'goes with --method remeshed only' });
      }
    }
  });

export type ParticlesConfig = z.infer<typeof ParticlesConfigSchema>;
export type SolveConfig = z.infer<typeof SolveConfigSchema>;

function checkIncreasing(ts: readonly number[], ctx: z.RefinementCtx): void {
  for (let k = 1; k < ts.length; k++) {
    if (!(ts[k]! > ts[k - 1]!)) {
      ctx.addIssue({ code: 'custom', path: ['times', k], message: `times must increase strictly, but ${ts[k]} follows ${ts[k - 1]}` });
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Flags ↔ config keys

export type { ConfigField, FieldKind };

/** What is allowed for a part of a structured value, by the dotted path with indices as `*`. */
const SUB_ALLOWED: Record<string, string> = {
  'times.*': 'a finite number >= 0',
  'grid.ny': 'a power of two >= 4 (the FFT size)',
  'grid.nc': 'an integer >= 4',
  'quadrature.ny': 'an integer >= 1',
  'quadrature.nc': `an integer in [1, ${GAUSS_HERMITE_MAX_NODES}] (Gauss–Hermite nodes)`,
};

/** The flag `--config`, added to the flag tables of `particles` and `solve`. */
/** Run a study beyond the size guards (`workGuard.ts`). */
export const FORCE_FLAG: FlagSpec = { name: 'force', help: 'run even beyond the size guards (about 2 h of work on one core, 8 GiB of memory)' };

export const CONFIG_FLAG: FlagSpec = {
  name: 'config', value: 'file.json',
  help: 'read the configuration from a JSON object keyed like the result file\'s config.input (or from a result file); flags given here win',
};

/** A flag's text as a raw config value; text that is not a finite number stays text, so the message can show it. */
function rawFromFlag(kind: FieldKind, text: string | true): unknown {
  if (text === true) return true;
  switch (kind) {
    case 'string':
      return text;
    case 'switch':
      return true;
    case 'number':
      return numberOrText(text);
    case 'times':
      return text.split(',').map((s) => numberOrText(s.trim()));
    case 'pair': {
      const m = /^(\d+)x(\d+)$/.exec(text.trim());
      return m ? { ny: Number(m[1]), nc: Number(m[2]) } : text;
    }
  }
}

function numberOrText(s: string): number | string {
  const v = s.trim() === '' ? NaN : Number(s);
  return Number.isFinite(v) ? v : s;
}

// ---------------------------------------------------------------------------------------------
// Resolution: defaults < config file < command-line flags, then validation

interface Source {
  readonly kind: 'flag' | 'default' | 'file';
  readonly text?: string;
}

/** A named set of defaults chosen by one flag (e.g. `--protocol`): flag name → flag text. */
export interface ConfigPreset {
  readonly flag: string;
  readonly key: string;
  readonly names: readonly string[];
  defaults(name: string): Readonly<Record<string, string>> | undefined;
}

export interface ResolveOptions {
  readonly preset?: ConfigPreset;
  /**
   * Reads a study spec (the library's `StudySpec`: a bare one, or a result file's `spec`) as config
   * keys, for the commands whose result files record a spec rather than a `config.input`.
   */
  readonly fromStudySpec?: (spec: Record<string, unknown>, path: string) => Record<string, unknown>;
}

export interface Resolved<T> {
  readonly config: T;
  /** Switches not part of the config (`--quiet`, `--force`). */
  readonly quiet: boolean;
  readonly force: boolean;
}

/**
 * Parses `argv` against `specs` (which must include `--config` and may include `--quiet`), merges
 * over the config file, validates with `schema`, and returns the config — or throws one UsageError.
 */
export function resolveConfig<T>(
  command: string, argv: readonly string[], specs: readonly FlagSpec[], fields: readonly ConfigField[], schema: z.ZodType<T>,
  options: ResolveOptions = {},
): Resolved<T> {
  const { preset } = options;
  // Parse without defaults or required checks, to know which flags were given.
  const explicit = parseFlags(argv, specs.map(({ name, value, help }) => ({ name, help, ...(value === undefined ? {} : { value }) })));
  const raw: Record<string, unknown> = {};
  const source = new Map<string, Source>();
  for (const f of fields) {
    const spec = specs.find((s) => s.name === f.flag);
    if (spec?.default !== undefined) {
      raw[f.key] = rawFromFlag(f.kind, spec.default);
      source.set(f.key, { kind: 'default', text: spec.default });
    }
  }
  const configPath = explicit.get('config');
  const file = typeof configPath === 'string' ? readConfigFile(command, configPath, fields, options.fromStudySpec) : null;
  if (preset) {
    // a preset replaces the defaults; the file and the flags still override it
    const named = explicit.get(preset.flag) ?? file?.[preset.key];
    if (named !== undefined) {
      const values = typeof named === 'string' ? preset.defaults(named) : undefined;
      if (!values) throw new UsageError(`--${preset.flag}: got ${JSON.stringify(named)}, must be one of ${preset.names.join(', ')}`);
      for (const [flag, text] of Object.entries(values)) {
        const f = fields.find((x) => x.flag === flag);
        if (!f) throw new Error(`preset ${named}: no config field for --${flag}`);
        raw[f.key] = rawFromFlag(f.kind, text);
        source.set(f.key, { kind: 'default', text });
      }
    }
  }
  if (file && typeof configPath === 'string') {
    for (const [key, value] of Object.entries(file)) {
      raw[key] = value;
      source.set(key, { kind: 'file', text: configPath });
    }
  }
  for (const f of fields) {
    const v = explicit.get(f.flag);
    if (v === undefined) continue;
    raw[f.key] = rawFromFlag(f.kind, v);
    source.set(f.key, { kind: 'flag', ...(v === true ? {} : { text: v }) });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UsageError(formatConfigIssue(parsed.error.issues[0]!, raw, fields, source));
  return { config: parsed.data, quiet: explicit.get('quiet') === true, force: explicit.get('force') === true };
}

/**
 * Reads `--config`: a JSON object of known keys, or a result file of the same command (its
 * `config.input`); with `fromStudySpec`, also a study spec or a result file's `spec`.
 */
function readConfigFile(command: string, path: string, fields: readonly ConfigField[],
  fromStudySpec?: ResolveOptions['fromStudySpec']): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--config: cannot read "${path}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--config: "${path}" is not valid JSON: ${(err as Error).message}`);
  }
  if (isPlainObject(value) && value['format'] !== undefined) {
    // a result file (of this format, or an earlier one read through its upgrade): its config.input
    if (resultFormatOf(path, value) === 'earlier') value = upgradeResult(value);
    if (!isPlainObject(value)) throw new UsageError(`--config: "${path}" must hold a JSON object`);
    const inner = isPlainObject(value['config']) ? value['config']['input'] : undefined;
    if (value['command'] === command && !isPlainObject(inner) && fromStudySpec && isPlainObject(value['spec'])) return fromStudySpec(value['spec'], path);
    if (value['command'] !== command || !isPlainObject(inner)) {
      throw new UsageError(`--config: "${path}" is a result file of "${String(value['command'])}" without a ${command} config.input`);
    }
    value = inner;
  }
  if (!isPlainObject(value)) throw new UsageError(`--config: "${path}" must hold a JSON object of config keys, got ${describeJson(value)}`);
  if (fromStudySpec && isPlainObject(value['problem']) && Array.isArray(value['ns'])) return fromStudySpec(value, path);
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      throw new UsageError(`--config: "${path}" has the unknown key "${key}"; known keys: ${[...known].join(', ')}`);
    }
  }
  return value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeJson(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * One message for a zod issue: the flag, the config key (and the file when the value came from
 * one), the value given, and what is allowed.
 */
export function formatConfigIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>, fields: readonly ConfigField[], source: ReadonlyMap<string, Source>): string {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    const where = path.length ? `"${path.join('.')}" ` : '';
    return `config ${where}has the unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const key = String(path[0] ?? '');
  const field = fields.find((f) => f.key === key);
  const src = source.get(key);
  const flag = field ? `--${field.flag}` : `config "${key}"`;
  const where = src?.kind === 'file' ? `config "${key}" in ${src.text}` : `config "${key}"`;
  const value = raw[key];
  const got = value === undefined
    ? (issue.code === 'custom' ? 'nothing' : 'nothing (it is required)')
    : src && src.kind !== 'file'
      ? (src.text === undefined ? 'the switch' : JSON.stringify(src.text))
      : describeJson(value);
  let why: string;
  if (issue.code === 'custom' && issue.message && issue.message !== 'Invalid input') {
    why = issue.message;
  } else if (path.length > 1) {
    const sub = path.map((p, k) => (k > 0 && typeof p === 'number' ? '*' : String(p))).join('.');
    const named = path.map((p, k) => (k === 0 ? String(p) : typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const part = getPath(value, path.slice(1));
    why = `${named} = ${describeJson(part)} must be ${SUB_ALLOWED[sub] ?? issue.message}`;
  } else {
    why = `must be ${field?.allowed ?? issue.message}`;
  }
  return `${flag} (${where}): got ${got}, ${why}`;
}

function getPath(v: unknown, path: readonly PropertyKey[]): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}
