/**
 * How many steps a fixed-step run takes to reach its recorded times: the particle engines and the
 * solvers both shorten the last step before each recorded time, so a span of length `s` takes
 * `⌈s/Δt⌉` steps. Used by every cost model (the work a command estimates before it starts).
 */

/** Steps of at most `dt` to reach every time of `times` in turn, from t = 0. */
export function stepsTo(times: readonly number[], dt: number): number {
  let steps = 0;
  let prev = 0;
  for (const t of times) {
    steps += Math.ceil((t - prev) / dt - 1e-9);
    prev = t;
  }
  return steps;
}
