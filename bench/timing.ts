/**
 * Step-count calibration and repeated timing, shared by our engine and the peer programs: both are
 * seen as "run `steps` steps, tell me how many seconds that took", so both get the same protocol.
 */

/** Runs `steps` steps and returns their wall time in seconds. */
export type TimedRun = (steps: number) => number;

/** Wall-clock seconds from the monotonic high-resolution clock (immune to system clock changes). */
export function nowSeconds(): number {
  return performance.now() / 1000;
}

/**
 * The step count that makes one measurement last about `targetSeconds`. A probe is grown until it
 * lasts at least `probeSeconds`, because a single fast step is below timer resolution and mostly
 * measures the JIT; the rate of that last probe is then scaled to the target. At least one step.
 */
export function calibrateSteps(run: TimedRun, targetSeconds: number, probeSeconds = 0.25): number {
  let steps = 1;
  let seconds = run(steps);
  while (seconds < probeSeconds) {
    const growth = Math.ceil(probeSeconds / Math.max(seconds, 1e-6));
    steps *= Math.min(64, Math.max(2, growth));
    seconds = run(steps);
  }
  return Math.max(1, Math.round((targetSeconds * steps) / seconds));
}

/**
 * The wall time of `repetitions` runs of `steps` steps each. Callers keep the fastest: noise (other
 * processes, GC of unrelated garbage, frequency ramps) only ever adds time.
 */
export function timeRepetitions(run: TimedRun, steps: number, repetitions: number): number[] {
  const seconds: number[] = [];
  for (let r = 0; r < repetitions; r++) seconds.push(run(steps));
  return seconds;
}
