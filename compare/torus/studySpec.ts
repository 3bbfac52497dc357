/**
 * What an ensemble study is: a problem, an `n`-ladder, `R` seeds per `n`, a time-ladder, and how
 * the reference `ρ₀` is computed. Plain data (it crosses to worker threads and into result files),
 * validated before any work starts; every error names the field, the value and what is allowed.
 */
import { createTorusProblem, type InitialLaw, type TorusProblem } from '../../model/index.ts';
import { TORUS_ENGINE_KINDS, type BatchSchedule, type TorusEngineKind } from '../../particles/index.ts';
import { checkSettingsOf, STRICT_OUTFLOW, validateSettings, type SolveSettings } from '../../solver/index.ts';

export type Claim = 'lln' | 'clt' | 'healing' | 'sgd';

/**
 * Online SGD in place of GD (Sec. 4): batch `P = ⌈n^{2α}⌉`, so the noise `θ = Δt/P = Δt·n^{−2α}`
 * has the paper's scaling `θ = a n^{−2α}` with `a = Δt`; optionally a late quench to `P = ⌈n^{2α_q}⌉`.
 */
export interface SgdSetting {
  readonly alpha: number;
  readonly quench: { readonly at: number; readonly alpha: number } | null;
}

/** The batch schedule of an SGD member with `n` particles. */
export function sgdBatchSchedule(sgd: SgdSetting, n: number): BatchSchedule {
  const size = (alpha: number): number => Math.ceil(n ** (2 * alpha) - 1e-9);
  const phases = [{ from: 0, batch: size(sgd.alpha) }];
  if (sgd.quench) phases.push({ from: sgd.quench.at, batch: size(sgd.quench.alpha) });
  return phases;
}

/**
 * A time that grows with `n` (Prop. 3.3 is about `f_n(a_n)` on sequences with `a_n / log n → ∞`):
 * `log`: `a_n = κ log n` (the borderline: its ratio to `log n` stays `κ`); `powerLog`: `a_n = κ (log n)^p`,
 * `p > 1` (the proposition's hypothesis holds); `fixed`: `a_n = t` (the control, hypothesis not met).
 */
export type GrowingSchedule =
  | { readonly kind: 'log'; readonly kappa: number }
  | { readonly kind: 'powerLog'; readonly kappa: number; readonly power: number }
  | { readonly kind: 'fixed'; readonly t: number };

/** The schedules of a Prop. 3.3 study, and the decay rate `λ` (of `P(t) ∝ e^{−2λt}`) their `κ` were set from. */
export interface ScheduleSetting {
  readonly lambda: number;
  readonly lambdaSource: string;
  readonly schedules: readonly GrowingSchedule[];
}

/** `a_n` of a schedule, rounded to 1e-3 so that it is one recorded time exactly. */
export function scheduleTime(s: GrowingSchedule, n: number): number {
  const raw = s.kind === 'fixed' ? s.t : s.kind === 'log' ? s.kappa * Math.log(n) : s.kappa * Math.log(n) ** s.power;
  return Math.round(raw * 1000) / 1000;
}

/** The schedule in words: "a_n = 0.50·log n". */
export function scheduleText(s: GrowingSchedule): string {
  if (s.kind === 'fixed') return `a_n = ${s.t} (fixed)`;
  if (s.kind === 'log') return `a_n = ${s.kappa.toPrecision(3)}·log n`;
  return `a_n = ${s.kappa.toPrecision(3)}·(log n)^${s.power}`;
}

/** Every time the schedules need, with `extra` (e.g. t = 0), sorted and unique. */
export function scheduleTimes(setting: ScheduleSetting, ns: readonly number[], extra: readonly number[] = []): number[] {
  const all = new Set<number>(extra);
  for (const s of setting.schedules) for (const n of ns) all.add(scheduleTime(s, n));
  return [...all].sort((a, b) => a - b);
}

export interface StudySpec {
  readonly claims: readonly Claim[];
  readonly problem: { readonly unit: string; readonly target: string; readonly modeTolerance: number; readonly maxModes: number };
  readonly law: InitialLaw;
  /** The `n`-ladder, strictly increasing. */
  readonly ns: readonly number[];
  /** Ensemble members per `n`. */
  readonly seeds: number;
  /** Base seed: member `(n, r)` draws from `Rng(seed, memberStream(n, r))`. */
  readonly seed: number;
  /** Recorded times, strictly increasing, ≥ 0. */
  readonly times: readonly number[];
  /** RK4 step of the particle GD. */
  readonly dt: number;
  /**
   * What steps the members' particles (`particles/torusEngine.ts`); absent: `js`, the engine of
   * every study before the kernels. The engines agree to rounding, so it is part of what makes a
   * member's bits (and the fingerprint that lets shards merge).
   */
  readonly engine?: TorusEngineKind;
  /**
   * The solver of the reference `f₀(t)` and its resolution (remeshed: grid cells on `𝕋 × [−L, L]`;
   * lagrangian, the default when `method` is absent: quadrature nodes), and the finer run whose
   * distance bounds its error (remeshed: also half the remesh interval).
   */
  readonly reference: {
    readonly method?: 'lagrangian' | 'remeshed';
    readonly ny: number; readonly nc: number; readonly L?: number;
    readonly check: { readonly ny: number; readonly nc: number };
  };
  /** Grid (finite-volume, positive) solver for `ρ₀`'s density, whose marginals the particles' are compared with (W1); null: skip. */
  readonly density: { readonly ny: number; readonly nc: number; readonly L: number } | null;
  /** Bootstrap replicates for the slope intervals, and their confidence level. */
  readonly bootstrap: { readonly replicates: number; readonly level: number };
  /** SGD members (forward Euler, with a GD twin from the same particles) in place of RK4 GD; absent or null: GD. */
  readonly sgd?: SgdSetting | null;
  /**
   * The linearised-flow CLT prefactor (`prediction.ts`) on this quadrature and RK8 step, and
   * (optionally) on a second quadrature and step (absent `dt`: the same) whose distance to it is
   * the error the prefactor rows allow for; absent or null: skip.
   */
  readonly prediction?: {
    readonly ny: number; readonly nc: number; readonly dt: number;
    readonly check?: { readonly ny: number; readonly nc: number; readonly dt?: number } | null;
    /** How the members' control variates get the influence (`ControlMethod`); absent: `interpolant`. */
    readonly control?: ControlMethod;
  } | null;
  /** Prop. 3.3: times that grow with `n`; every `a_n` must be a recorded time. Absent or null: none. */
  readonly schedules?: ScheduleSetting | null;
}

/**
 * How each member's control variate `δ_lin` gets the influence at its particles: `interpolant`
 * (`solver/influenceInterpolant.ts`: off the nodes after the fact; `E‖δ_lin‖²` exact by Parseval) or
 * `transport` (`solver/linearResponseTransport.ts`: exact at the particles, computed with the
 * prediction; `E‖δ_lin‖²` is the prediction's quadrature). Measured on vonmises:2 at n = 4096
 * (64×64): variance reductions at t = 10, 20, 50 of 1.4e3, 560, 10 interpolated, 1.8e3, 1.4e3, 107 transported.
 */
export type ControlMethod = 'interpolant' | 'transport';

/** Raised for a study that cannot run; the message names the field and the value, and `field` is the dotted path (e.g. `reference.check.nc`) for callers that name their own flags. */
export class StudySpecError extends Error {
  override readonly name = 'StudySpecError';
  constructor(message: string, readonly field = '') {
    super(message);
  }
}

/** The reference's solver settings: the remeshed one must lose less than `STRICT_OUTFLOW` through `|c| = L`. */
export function referenceSettings(reference: StudySpec['reference']): SolveSettings {
  const { ny, nc } = reference;
  return reference.method === 'remeshed'
    ? { method: 'remeshed', ny, nc, L: reference.L!, maxOutflow: STRICT_OUTFLOW }
    : { method: 'lagrangian', ny, nc };
}

/** The solver runs a study asks for, by the field that sets each: the rules that need the problem's `M` are the solvers' own. */
function solverRuns(spec: StudySpec): [string, SolveSettings][] {
  const main = referenceSettings(spec.reference);
  const runs: [string, SolveSettings][] = [['reference', main], ['reference.check', checkSettingsOf(main, spec.reference.check)]];
  if (spec.density) runs.push(['density', { method: 'grid', ...spec.density, maxOutflow: STRICT_OUTFLOW }]);
  if (spec.prediction) {
    const { ny, nc, dt, check } = spec.prediction;
    runs.push(['prediction', { method: 'lagrangian', ny, nc, dt }]);
    if (check) runs.push(['prediction.check', { method: 'lagrangian', ny: check.ny, nc: check.nc, dt: check.dt ?? dt }]);
  }
  return runs;
}

/** Streams are distinct for every `(n, r)`, so no two members share random numbers. */
export function memberStream(n: number, r: number): number {
  return r * 2 ** 24 + n;
}

export const MAX_N = 2 ** 24 - 1;

export function validateStudySpec(spec: StudySpec): void {
  const bad = (field: string, value: unknown, allowed: string): never => {
    throw new StudySpecError(`${field} = ${Array.isArray(value) ? `[${value.join(',')}]` : String(value)} is invalid: ${allowed}`, field);
  };
  if (spec.claims.length === 0) bad('claims', spec.claims, 'at least one of lln, clt, healing, sgd');
  if (spec.claims.includes('sgd') !== Boolean(spec.sgd)) bad('sgd', JSON.stringify(spec.sgd ?? null), 'an SGD setting exactly when the claims include sgd');
  if (spec.sgd) {
    const { alpha, quench } = spec.sgd;
    if (!(alpha > 0 && alpha <= 1)) bad('sgd.alpha', alpha, 'in (0, 1] (Prop. 4.1)');
    if (quench && !(quench.at > 0 && Number.isFinite(quench.at))) bad('sgd.quench.at', quench.at, 'a finite time > 0');
    if (quench && !(quench.alpha > alpha && quench.alpha <= 1)) bad('sgd.quench.alpha', quench.alpha, `in (α = ${alpha}, 1]: a quench enlarges the batch`);
  }
  if (spec.ns.length < 2) bad('ns', spec.ns, 'at least two values of n for a slope');
  spec.ns.forEach((n, k) => {
    if (!Number.isInteger(n) || n < 1 || n > MAX_N) bad(`ns[${k}]`, n, `an integer in [1, ${MAX_N}]`);
    if (k > 0 && !(n > spec.ns[k - 1]!)) bad(`ns[${k}]`, n, 'strictly increasing');
  });
  if (!Number.isInteger(spec.seeds) || spec.seeds < 2) bad('seeds', spec.seeds, 'an integer >= 2 (a variance needs two members)');
  if (!Number.isSafeInteger(spec.seed) || spec.seed < 0) bad('seed', spec.seed, 'a non-negative integer');
  if (spec.times.length === 0) bad('times', spec.times, 'at least one time');
  spec.times.forEach((t, k) => {
    if (!Number.isFinite(t) || t < 0) bad(`times[${k}]`, t, 'finite and >= 0');
    if (k > 0 && !(t > spec.times[k - 1]!)) bad(`times[${k}]`, t, 'strictly increasing');
  });
  if (!(spec.dt > 0) || !Number.isFinite(spec.dt)) bad('dt', spec.dt, 'a finite number > 0');
  if (spec.engine !== undefined && !TORUS_ENGINE_KINDS.includes(spec.engine)) bad('engine', spec.engine, `one of ${TORUS_ENGINE_KINDS.join(', ')}`);
  if (!(spec.law.sigmaC > 0) || !Number.isFinite(spec.law.sigmaC)) bad('sigmaC', spec.law.sigmaC, 'a finite number > 0 (ρ_in needs a density)');
  if (!Number.isFinite(spec.law.cMean)) bad('cMean', spec.law.cMean, 'a finite number');
  const q = spec.reference;
  if (q.method !== undefined && q.method !== 'lagrangian' && q.method !== 'remeshed') bad('reference.method', q.method, 'lagrangian or remeshed');
  if (q.method === 'remeshed' && !(q.L !== undefined && q.L > 0 && Number.isFinite(q.L))) bad('reference.L', q.L, 'a finite number > 0 (the c half-width of the remeshed reference)');
  if (!(q.check.ny >= q.ny && q.check.nc >= q.nc && (q.check.ny > q.ny || q.check.nc > q.nc))) {
    bad('reference.check', `${q.check.ny}x${q.check.nc}`, `a quadrature finer than ${q.ny}x${q.nc}`);
  }
  if (!(spec.bootstrap.replicates >= 100)) bad('bootstrap.replicates', spec.bootstrap.replicates, 'at least 100');
  if (spec.prediction) {
    const p = spec.prediction;
    if (!Number.isInteger(p.ny) || p.ny < 3) bad('prediction.ny', p.ny, 'an integer >= 3');
    if (!Number.isInteger(p.nc) || p.nc < 1) bad('prediction.nc', p.nc, 'an integer >= 1');
    if (!(p.dt > 0) || !Number.isFinite(p.dt)) bad('prediction.dt', p.dt, 'a finite number > 0');
    if (p.check && p.check.ny === p.ny && p.check.nc === p.nc) bad('prediction.check', `${p.check.ny}x${p.check.nc}`, `a quadrature other than the prediction's ${p.ny}x${p.nc}`);
    if (p.check && p.check.dt !== undefined && !(p.check.dt > 0 && Number.isFinite(p.check.dt))) bad('prediction.check.dt', p.check.dt, 'a finite number > 0');
    if (p.control !== undefined && p.control !== 'interpolant' && p.control !== 'transport') bad('prediction.control', p.control, "'interpolant' or 'transport'");
  }
  if (spec.schedules) {
    const { lambda, schedules } = spec.schedules;
    if (!(lambda > 0) || !Number.isFinite(lambda)) bad('schedules.lambda', lambda, 'a finite decay rate > 0');
    if (schedules.length === 0) bad('schedules', '[]', 'at least one schedule');
    schedules.forEach((s, k) => {
      if (s.kind !== 'fixed' && !(s.kappa > 0 && Number.isFinite(s.kappa))) bad(`schedules[${k}].kappa`, s.kappa, 'a finite number > 0');
      if (s.kind === 'powerLog' && !(s.power > 1 && Number.isFinite(s.power))) bad(`schedules[${k}].power`, s.power, 'a finite number > 1 (a_n / log n must grow)');
      for (const n of spec.ns) {
        const a = scheduleTime(s, n);
        if (!spec.times.includes(a)) bad(`schedules[${k}]`, `${scheduleText(s)} = ${a} at n = ${n}`, 'a recorded time (add it to times)');
      }
    });
  }
  if (!(spec.bootstrap.level > 0.5 && spec.bootstrap.level < 1)) bad('bootstrap.level', spec.bootstrap.level, 'in (0.5, 1)');
  let problem: TorusProblem;
  try {
    problem = createTorusProblem(spec.problem);
  } catch (err) {
    return bad('problem', `${spec.problem.unit} / ${spec.problem.target}`, (err as Error).message);
  }
  for (const [field, settings] of solverRuns(spec)) {
    const [issue] = validateSettings(problem, spec.law, settings);
    if (issue) bad(`${field}.${issue.field}`, issue.value, issue.allowed);
  }
}
