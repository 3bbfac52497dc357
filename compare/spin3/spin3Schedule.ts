/**
 * The 3-spin study's training schedule as a function of the width `n`. The paper's Sec. 5 runs
 * are not one schedule for every `n`: its sigmoid networks train with the batch `P = ⌊n/5⌋` and
 * quench with `P²`, and its largest ReLU networks halve `Δt` and double the steps so that the
 * training time stays the same. A quantity that may depend on `n` is a `PerN`: a number, or an
 * expression in `n` in the syntax of `model/expression.ts` (e.g. `"floor(n/5)"`,
 * `"min(floor(n/5)^2, 2500)"`). Batches and steps are integers: their expressions are floored.
 */
import { compileExpression, ExpressionError } from '../../model/index.ts';

export type PerN = number | string;

/** What one member of width `n` runs. */
export interface Spin3Schedule {
  readonly batch: number;
  readonly dt: number;
  readonly steps: number;
  readonly quench: { readonly batch: number; readonly steps: number } | null;
}

/** The schedule's fields as the study spec holds them. */
export interface Spin3ScheduleSpec {
  readonly batch: PerN;
  readonly dt: PerN;
  readonly steps: PerN;
  readonly quench: { readonly batch: PerN; readonly steps: PerN } | null;
}

/** Raised for a rule that is malformed or gives a bad value at some `n`; the message names the field. */
export class Spin3ScheduleError extends Error {
  override readonly name = 'Spin3ScheduleError';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const compiled = new Map<string, (n: number) => number>();

function compile(field: string, rule: string): (n: number) => number {
  const hit = compiled.get(rule);
  if (hit) return hit;
  try {
    const fn = compileExpression(rule, 'n');
    compiled.set(rule, fn);
    return fn;
  } catch (err) {
    if (err instanceof ExpressionError) throw new Spin3ScheduleError(field, `${field} = "${rule}" is invalid: ${err.message}`);
    throw err;
  }
}

/**
 * The value of `rule` at width `n`: `kind` `integer` floors it and asks `≥ 1`; `positive` asks a
 * finite number `> 0`.
 */
export function valueAt(rule: PerN, n: number, field: string, kind: 'integer' | 'positive'): number {
  const shown = typeof rule === 'string' ? `"${rule}"` : String(rule);
  if (typeof rule === 'number' && kind === 'integer' && !Number.isInteger(rule)) {
    throw new Spin3ScheduleError(field, `${field} = ${shown} is invalid: an integer >= 1, or an expression in n`);
  }
  const raw = typeof rule === 'number' ? rule : compile(field, rule)(n);
  const value = kind === 'integer' ? Math.floor(raw + 1e-9 * Math.abs(raw)) : raw;
  const at = typeof rule === 'string' ? ` (it gives ${raw} at n = ${n})` : '';
  if (kind === 'integer' && !(value >= 1 && Number.isSafeInteger(value))) {
    throw new Spin3ScheduleError(field, `${field} = ${shown} is invalid${at}: an integer >= 1 at every n (expressions are floored)`);
  }
  if (kind === 'positive' && !(value > 0 && Number.isFinite(value))) {
    throw new Spin3ScheduleError(field, `${field} = ${shown} is invalid${at}: a finite number > 0 at every n`);
  }
  return value;
}

/** The schedule of width `n`; throws `Spin3ScheduleError` naming the field that fails there. */
export function scheduleAt(spec: Spin3ScheduleSpec, n: number): Spin3Schedule {
  const batch = valueAt(spec.batch, n, 'batch', 'integer');
  const dt = valueAt(spec.dt, n, 'dt', 'positive');
  const steps = valueAt(spec.steps, n, 'steps', 'integer');
  if (!spec.quench) return { batch, dt, steps, quench: null };
  const quenchBatch = valueAt(spec.quench.batch, n, 'quench.batch', 'integer');
  if (quenchBatch <= batch) {
    throw new Spin3ScheduleError('quench.batch', `quench.batch = ${typeof spec.quench.batch === 'string' ? `"${spec.quench.batch}" (${quenchBatch} at n = ${n})` : quenchBatch} is invalid: an integer > batch = ${batch} at every n`);
  }
  return { batch, dt, steps, quench: { batch: quenchBatch, steps: valueAt(spec.quench.steps, n, 'quench.steps', 'integer') } };
}

/**
 * The same schedule at the step `Δt/k`: `k` times the steps of the training and of the quench, the
 * same batches, so the same training time (what a step-refinement check reruns). Rules stay rules:
 * `(dt)/k` and `floor(steps)·k`, so that a floored step count is multiplied, not re-floored.
 */
export function refineSchedule<S extends Spin3ScheduleSpec>(spec: S, k: number): S {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`refineSchedule: k = ${k}, must be an integer >= 1`);
  const times = (rule: PerN): PerN => (typeof rule === 'number' ? rule * k : `floor(${rule}) * ${k}`);
  return {
    ...spec,
    dt: typeof spec.dt === 'number' ? spec.dt / k : `(${spec.dt}) / ${k}`,
    steps: times(spec.steps),
    quench: spec.quench ? { batch: spec.quench.batch, steps: times(spec.quench.steps) } : null,
  };
}

/** `n · Σ batch` over a member's training: its unit·point-steps. */
export function scheduleWork(s: Spin3Schedule, n: number): number {
  return n * (s.steps * s.batch + (s.quench ? s.quench.steps * s.quench.batch : 0));
}

/** The training time `Δt · steps` before the quench. */
export function trainingTime(s: Spin3Schedule): number {
  return s.dt * s.steps;
}

/** A rule as text: the number, or the expression followed by its values at the ends of the ladder. */
export function describePerN(rule: PerN, ns: readonly number[], field: string, kind: 'integer' | 'positive'): string {
  if (typeof rule === 'number') return String(rule);
  const first = ns[0]!;
  const last = ns[ns.length - 1]!;
  return `${rule} (${valueAt(rule, first, field, kind)} at n = ${first} … ${valueAt(rule, last, field, kind)} at n = ${last})`;
}
