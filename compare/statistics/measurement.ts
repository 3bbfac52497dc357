/**
 * The one shape every measured number is handed on in: an estimate and its two-sided confidence
 * interval at `level` (a bootstrap interval, a normal-theory one, or a ratio of two). The
 * verdicts decide on it (`verdicts/verdict.ts`); the measuring code produces it.
 */
export interface Measurement {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}
