/**
 * How a solver is chosen and checked: the registry of methods by name (`METHODS`, in the manner of
 * SciPy's `solve_ivp`), the one driver `solve`, and `solveWithCheck`, which runs a finer copy of
 * the same settings (`SolverMethod.checkSettings`) and reports the distance between the two as the
 * run's error estimate. The CLI's `solve` and the studies' reference (`compare/.../reference.ts`)
 * both come through here; adding a method is its own file and one line in `METHODS`.
 */
import { parsevalDistanceSquared, spectrumEnergy, type InitialLaw, type TorusProblem } from '../model/index.ts';
import { GRID_METHOD, type GridSettings } from './gridSolver.ts';
import { LAGRANGIAN_METHOD, type LagrangianSettings } from './lagrangianSolver.ts';
import {
  recordAt, SolverConfigError,
  type Resolution, type SolverCost, type SolverHooks, type SolverIssue, type SolverMethod,
} from './meanFieldSolver.ts';
import { REMESHED_METHOD, type RemeshedSettings } from './remeshedSolver.ts';
import type { SolverSnapshot } from './solverSnapshot.ts';

export const METHODS = { remeshed: REMESHED_METHOD, grid: GRID_METHOD, lagrangian: LAGRANGIAN_METHOD } as const;

export type MethodName = keyof typeof METHODS;

export const METHOD_NAMES = Object.keys(METHODS) as readonly MethodName[];

/** Each method's settings, tagged with its name: what `solve` takes. */
export type SolveSettings =
  | ({ readonly method: 'remeshed' } & RemeshedSettings)
  | ({ readonly method: 'grid' } & GridSettings)
  | ({ readonly method: 'lagrangian' } & LagrangianSettings);

/**
 * The mass allowed to leave through `|c| = L` in a run whose numbers are used as a reference (the
 * studies, `solve`'s default): beyond it the domain is too narrow and the run stops with a message.
 */
export const STRICT_OUTFLOW = 1e-6;

export interface SolveOptions {
  readonly hooks?: SolverHooks;
  /** Copy ρ into every snapshot (the grid methods). */
  readonly density?: boolean;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(METHODS, name);
}

/** The registered method `name`; refuses an unknown one, naming those there are. */
export function methodNamed(name: string): SolverMethod<Resolution> {
  if (!isMethodName(name)) throw new SolverConfigError('mean-field', [{ field: 'method', value: name, allowed: `one of ${METHOD_NAMES.join(', ')}` }]);
  // the registry's entries take their own settings; SolveSettings pairs each with its name
  return METHODS[name] as unknown as SolverMethod<Resolution>;
}

/** What is wrong with `settings` for this problem, keyed by setting (empty when they can run). */
export function validateSettings(problem: TorusProblem, law: InitialLaw, settings: SolveSettings): SolverIssue[] {
  return methodNamed(settings.method).validate(problem, law, settings);
}

/** Solves eqs. (12)–(13) by `settings.method` and records a snapshot at each of `times`. */
export function solve(problem: TorusProblem, law: InitialLaw, settings: SolveSettings, times: readonly number[],
  options: SolveOptions = {}): SolverSnapshot[] {
  // `create` refuses settings its method cannot use (`validate`), with the issues keyed by setting
  return recordAt(methodNamed(settings.method).create(problem, law, settings), times, options.hooks, options.density ?? false);
}

/** The run that checks `settings`: `finer` cells or nodes, and what else the method refines with them. */
export function checkSettingsOf(settings: SolveSettings, finer: Resolution): SolveSettings {
  return { ...methodNamed(settings.method).checkSettings(settings, finer), method: settings.method } as SolveSettings;
}

/** Work and memory of `solve` (and of its check run at `finer`, when given); the check keeps no density. */
export function solveCost(problem: TorusProblem, law: InitialLaw, settings: SolveSettings, times: readonly number[],
  density: boolean, finer?: Resolution): SolverCost {
  const method = methodNamed(settings.method);
  const main = method.cost(problem, law, settings, times, density);
  if (!finer) return main;
  const check = method.cost(problem, law, checkSettingsOf(settings, finer), times, false);
  return { work: main.work + check.work, memoryBytes: main.memoryBytes + check.memoryBytes };
}

/** `settings` as a result file records them: the method's name, then its settings and scheme. */
export function describeSettings(settings: SolveSettings): Record<string, unknown> {
  return { method: settings.method, ...methodNamed(settings.method).describe(settings) };
}

export interface CheckedSolution {
  readonly main: SolverSnapshot[];
  readonly check: SolverSnapshot[];
  readonly checkSettings: SolveSettings;
  /** `‖f̂₀(main) − f̂₀(check)‖²` per time (Parseval): the main run's squared error, estimated. */
  readonly squaredDistance: number[];
}

export interface CheckOptions extends SolveOptions {
  /** Called before each of the two runs, e.g. to print which one is going. */
  readonly onRun?: (which: 'main' | 'check', settings: SolveSettings) => void;
}

/** `solve` at `settings` and again at `checkSettingsOf(settings, finer)`; the check keeps no density. */
export function solveWithCheck(problem: TorusProblem, law: InitialLaw, settings: SolveSettings, finer: Resolution,
  times: readonly number[], options: CheckOptions = {}): CheckedSolution {
  const checkSettings = checkSettingsOf(settings, finer);
  options.onRun?.('main', settings);
  const main = solve(problem, law, settings, times, options);
  options.onRun?.('check', checkSettings);
  const check = solve(problem, law, checkSettings, times, { ...(options.hooks ? { hooks: options.hooks } : {}) });
  return { main, check, checkSettings, squaredDistance: main.map((s, k) => parsevalDistanceSquared(s.fhat, check[k]!.fhat)) };
}

export interface ErrorEstimate {
  /** `‖f̂₀(main) − f̂₀(check)‖`. */
  readonly absolute: number;
  /** The same over `‖f̂₀(check)‖`; null where `f₀` vanishes (t = 0 with c̄ = 0) and has no relative error. */
  readonly relative: number | null;
}

/** The check's distance per time, absolute and relative to `f₀` (a norm below 1e-12 of the target's counts as zero). */
export function errorEstimates(problem: TorusProblem, checked: CheckedSolution): ErrorEstimate[] {
  const scale = 1e-12 * Math.sqrt(spectrumEnergy(problem.fhat));
  return checked.squaredDistance.map((d2, k) => {
    const d = Math.sqrt(d2);
    const norm = Math.sqrt(spectrumEnergy(checked.check[k]!.fhat));
    return { absolute: d, relative: norm > scale ? d / norm : null };
  });
}
