/**
 * What every solver of the mean-field equation (eqs. 12–13) is: a state at time `t` that advances
 * to a later time and reports a snapshot there. The three methods (`remeshedSolver.ts`,
 * `gridSolver.ts`, `lagrangianSolver.ts`) implement it; `methods.ts` registers them by name and
 * holds the one driver (`solve`, `solveWithCheck`). In the manner of SciPy's `OdeSolver`: the
 * solver object steps, the driver records.
 */
import type { InitialLaw, TorusProblem } from '../model/index.ts';
import type { SolverSnapshot } from './solverSnapshot.ts';

/** What a solver reports after every accepted step; methods add their own fields. */
export interface StepInfo {
  readonly t: number;
  /** The step just taken (remeshed: the remesh interval; grid: the CFL step; Lagrangian: the RK8 step). */
  readonly dt: number;
  readonly mass: number;
  readonly outflow: number;
}

export interface SolverHooks<I extends StepInfo = StepInfo> {
  /** Called every few steps with the time reached and the last time of the run. */
  onProgress?(t: number, tEnd: number): void;
  /** Called after every accepted step (tests use it to watch mass, positivity and the loss). */
  onStep?(info: I): void;
}

export interface SnapshotOptions {
  /** Copy the density into the snapshot (the grid methods; the Lagrangian quadrature has none). */
  readonly density?: boolean;
}

export interface MeanFieldSolver<S extends SolverSnapshot = SolverSnapshot, I extends StepInfo = StepInfo> {
  /** The time reached. */
  readonly t: number;
  /** Steps taken since t = 0. */
  readonly steps: number;
  /** Advances to `T ≥ t`, the last step shortened to land on `T` (`landingStep`); `tEnd` is for progress. */
  advanceTo(T: number, hooks?: SolverHooks<I>, tEnd?: number): void;
  snapshot(options?: SnapshotOptions): S;
}

/** One thing wrong with a solver's settings: the setting, its value and what is allowed. */
export interface SolverIssue {
  readonly field: string;
  readonly value: unknown;
  /** Completes "`field` = `value` is invalid: …". */
  readonly allowed: string;
}

/** Raised for settings a solver cannot use; `issues` are keyed by setting, for callers that name their own flags. */
export class SolverConfigError extends Error {
  override readonly name = 'SolverConfigError';
  constructor(readonly method: string, readonly issues: readonly SolverIssue[]) {
    super(`${method} solver: ${issues.map(issueText).join('; ')}`);
  }
}

/** Raised when more mass than allowed has left through `|c| = L`; the message says how to widen the domain. */
export class SolverOutflowError extends Error {
  override readonly name = 'SolverOutflowError';
}

/**
 * What every solver's `ny > 2M` refusal says about M: the problem's truncation sets it, and a unit
 * with a slow Fourier tail (ReLU) hits the `maxModes` cap, where fewer modes are the remedy, not a
 * finer grid.
 */
export function modeCountNote(problem: TorusProblem): string {
  const capped = problem.M >= problem.options.maxModes;
  return `the problem keeps M = ${problem.M} modes${capped ? ` (the maxModes cap: the unit's Fourier tail is slow)` : ''}; ` +
    'a smaller maxModes or a larger modeTolerance (--max-modes, --mode-tol) keeps fewer';
}

export function issueText(i: SolverIssue): string {
  return `${i.field} = ${String(i.value)} is invalid: ${i.allowed}`;
}

/** Throws the issues, if any, as one `SolverConfigError`. */
export function refuseIssues(method: string, issues: readonly SolverIssue[]): void {
  if (issues.length > 0) throw new SolverConfigError(method, issues);
}

/**
 * The next step from `t` toward `T > t` with nominal length `h`: `h`, or what is left when that is
 * less, or what is left when only a sliver (below 1e-9 of a step) would remain after it.
 */
export function landingStep(t: number, T: number, h: number): number {
  let step = Math.min(h, T - t);
  if (T - t - step < 1e-9 * step) step = T - t;
  return step;
}

/** The time after a step of `step` from `t` toward `T`: exactly `T` when the step was the landing one. */
export function timeAfter(t: number, T: number, step: number): number {
  return step === T - t ? T : t + step;
}

/** Refuses to advance backwards. */
export function checkAdvance(method: string, t: number, T: number): void {
  if (!(T >= t)) throw new SolverConfigError(method, [{ field: 'T', value: T, allowed: `a time >= the current t = ${t}` }]);
}

/** Resolution of a finer run that checks a main one: cells (or nodes) in y and c. */
export interface Resolution {
  readonly ny: number;
  readonly nc: number;
}

/** What a command or a study needs to plan a run: its work (operations, as `cli/workGuard.ts` counts them) and memory. */
export interface SolverCost {
  readonly work: number;
  readonly memoryBytes: number;
}

/**
 * A solver method as the registry (`methods.ts`) holds it. Adding a method is one file that
 * exports one of these, and one line in `METHODS`.
 */
export interface SolverMethod<O extends Resolution, S extends SolverSnapshot = SolverSnapshot> {
  readonly name: string;
  /** The settings a run takes when they are not given, the resolution included. */
  readonly defaults: Readonly<Required<Omit<O, 'frozenY' | 'maxOutflow'>>>;
  /** What is wrong with `settings` for this problem, keyed by setting (empty when they can run). */
  validate(problem: TorusProblem, law: InitialLaw, settings: O): SolverIssue[];
  create(problem: TorusProblem, law: InitialLaw, settings: O): MeanFieldSolver<S>;
  /** Work and memory of a run to the last of `times` (with `density`, a copy of ρ at every time); the law bounds the grid's speeds. */
  cost(problem: TorusProblem, law: InitialLaw, settings: O, times: readonly number[], density: boolean): SolverCost;
  /** The run that checks `settings`: `finer` cells, and whatever else the method refines with them. */
  checkSettings(settings: O, finer: Resolution): O;
  /** `settings` with their defaults filled, as a result file records them, with the scheme in words. */
  describe(settings: O): Record<string, unknown>;
}

/** The one driver: advances `solver` to each of `times` in turn and takes a snapshot there. */
export function recordAt<S extends SolverSnapshot, I extends StepInfo>(solver: MeanFieldSolver<S, I>, times: readonly number[],
  hooks: SolverHooks<I> = {}, density = false): S[] {
  const tEnd = times[times.length - 1] ?? 0;
  return times.map((T) => {
    solver.advanceTo(T, hooks, tEnd);
    return solver.snapshot({ density });
  });
}
