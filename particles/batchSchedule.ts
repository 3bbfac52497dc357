/**
 * The SGD batch size as a function of time: a batch `P₀` from `t = 0`, then optional switches to
 * other sizes from given times, e.g. the paper's late "quench" to a larger batch (Sec. 5: `P = 50`,
 * then `P = 2500`). Noise strength is `θ = Δt / P` (below eq. 24).
 */
export interface BatchPhase {
  /** Time from which this batch size applies. */
  readonly from: number;
  readonly batch: number;
}

export type BatchSchedule = readonly BatchPhase[];

/** Parses `"50"` or `"50,2500@80"` (batch 50, then 2500 from t = 80). */
export function parseBatchSchedule(text: string): BatchSchedule {
  const phases: BatchPhase[] = [];
  for (const [k, part] of text.split(',').entries()) {
    const [b, at] = part.split('@');
    const batch = Number(b);
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch size must be an integer >= 1, got "${b}" in "${text}"`);
    if (k === 0) {
      if (at !== undefined) throw new RangeError(`the first batch phase starts at t = 0 and takes no @time, got "${part}"`);
      phases.push({ from: 0, batch });
      continue;
    }
    const from = Number(at);
    if (at === undefined || !Number.isFinite(from) || from <= phases[phases.length - 1]!.from) {
      throw new RangeError(`batch phase "${part}" needs a time after the previous phase, as in 2500@80`);
    }
    phases.push({ from, batch });
  }
  return phases;
}

/** The batch size in force at time `t`. */
export function batchAt(schedule: BatchSchedule, t: number): number {
  let b = schedule[0]!.batch;
  for (const p of schedule) if (t >= p.from) b = p.batch;
  return b;
}

/** The largest batch the schedule ever uses (to size buffers once). */
export function largestBatch(schedule: BatchSchedule): number {
  return Math.max(...schedule.map((p) => p.batch));
}
