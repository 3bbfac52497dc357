/**
 * Ratios against the performance goals, and the plain-text tables the benchmark prints.
 */
import { type AllocationResult, type EngineResult } from './engine.ts';
import type { TorusEngineKind } from '../particles/index.ts';
import type { PeerName, PeerResult, PeerSkip } from './peers.ts';
import { spectralFlopsPerParticleStep, type NominalPeak } from './roofline.ts';

/** A goal "ours ≥ minRatio × peer" in particle-steps per second at one n. */
export interface Goal {
  readonly peer: PeerName;
  readonly minRatio: number;
}

/** Issue 25's goals for the torus GD engine on one core. */
export const GOALS: readonly Goal[] = [{ peer: 'C', minRatio: 1.5 }, { peer: 'NumPy', minRatio: 5 }];

/** The particle count at which the goals are judged. */
export const GOAL_N = 100_000;

export interface RatioResult {
  /** Which of our engines (`particles/torusEngine.ts`). */
  readonly engine: TorusEngineKind;
  readonly peer: PeerName;
  readonly n: number;
  readonly goal: number;
  readonly oursM: number | null;
  readonly peerM: number | null;
  /** ours / peer in particle-steps per second; null when either side was not measured. */
  readonly raw: number | null;
  /**
   * ours / peer in particle-steps × (M + 1) per second: the peers keep more modes than our tolerance
   * does, so each of their particle-steps does more work; this ratio removes that difference.
   */
  readonly modeNormalised: number | null;
  readonly rawPass: boolean | null;
  readonly modeNormalisedPass: boolean | null;
}

/** Ratios of each of our spectral engines measured at `n` to each peer, judged against {@link GOALS}. */
export function computeRatios(ours: readonly EngineResult[], peers: readonly PeerResult[], n = GOAL_N): RatioResult[] {
  return ours.filter((r) => r.interaction === 'spectral' && r.n === n).flatMap((mine) => GOALS.map((goal) => {
    const theirs = peers.find((p) => p.peer === goal.peer && p.n === n);
    const raw = theirs ? mine.particleStepsPerSecond / theirs.particleStepsPerSecond : null;
    const modeNormalised = theirs ? mine.modeStepsPerSecond / theirs.modeStepsPerSecond : null;
    return {
      engine: mine.engine, peer: goal.peer, n, goal: goal.minRatio, oursM: mine.M, peerM: theirs?.M ?? null, raw, modeNormalised,
      rawPass: raw === null ? null : raw >= goal.minRatio,
      modeNormalisedPass: modeNormalised === null ? null : modeNormalised >= goal.minRatio,
    };
  }));
}

/** `1.075e6`: rates span 10² to 10⁸, so a fixed-width mantissa/exponent reads best in a column. */
export function formatRate(x: number): string {
  return x.toExponential(3).replace('e+', 'e');
}

function formatSeconds(x: number): string {
  return x.toFixed(3);
}

/** Losses fall over orders of magnitude during a run, so exponent form keeps the column readable. */
function formatLoss(x: number): string {
  return x.toExponential(3).replace('e+', 'e');
}

function formatCount(n: number): string {
  return n >= 1000 && Number.isInteger(Math.log10(n)) ? `1e${Math.log10(n)}` : String(n);
}

function verdict(pass: boolean | null): string {
  return pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL';
}

/** Left-aligns the first column and right-aligns the others (numbers), with a rule under the header. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** GFlop/s of the spectral flop model at a rate, and its share of one core's nominal peak (`roofline.ts`). */
export function roofline(particleStepsPerSecond: number, M: number, peak: NominalPeak): { gflops: number; fraction: number } {
  const gflops = (particleStepsPerSecond * spectralFlopsPerParticleStep(M)) / 1e9;
  return { gflops, fraction: peak.gflops > 0 ? gflops / peak.gflops : NaN };
}

function rooflineCells(rate: number, M: number, peak: NominalPeak): string[] {
  const { gflops, fraction } = roofline(rate, M, peak);
  return [gflops.toFixed(2), Number.isFinite(fraction) ? `${(100 * fraction).toFixed(1)}%` : 'n/a'];
}

export function engineTable(results: readonly EngineResult[], peak: NominalPeak): string {
  const rows = results.map((r) => [
    r.interaction, r.engine, formatCount(r.n), String(r.M), `${r.steps} x ${r.repetitions}`, formatSeconds(r.bestSeconds),
    formatRate(r.particleStepsPerSecond), formatRate(r.modeStepsPerSecond),
    ...(r.interaction === 'spectral' ? rooflineCells(r.particleStepsPerSecond, r.M, peak) : ['', '']),
    formatLoss(r.lossInitial), formatLoss(r.lossFinal), String(r.totalSteps),
  ]);
  return formatTable(['interaction', 'engine', 'n', 'M', 'steps x reps', 'best s', 'particle-steps/s', 'x(M+1) /s', 'GFlop/s', 'of peak',
    'loss t=0', 'loss end', 'steps'], rows);
}

export function peerTable(results: readonly PeerResult[], skipped: readonly PeerSkip[], peak: NominalPeak): string {
  const rows = results.map((r) => [
    r.peer, formatCount(r.n), String(r.M), `${r.steps} x ${r.repetitions}`, formatSeconds(r.bestSeconds),
    formatRate(r.particleStepsPerSecond), formatRate(r.modeStepsPerSecond), ...rooflineCells(r.particleStepsPerSecond, r.M, peak), formatLoss(r.loss),
  ]);
  const table = formatTable(['peer', 'n', 'M', 'steps x reps', 'best s', 'particle-steps/s', 'x(M+1) /s', 'GFlop/s', 'of peak', 'loss end'], rows);
  const notes = skipped.map((s) => `${s.name} peer skipped: ${s.reason}. To enable it: ${s.hint}`);
  return [table, ...notes].join('\n');
}

export function ratioTable(ratios: readonly RatioResult[]): string {
  const ratio = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
  const rows = ratios.map((r) => [
    `${r.engine} / ${r.peer}`, formatCount(r.n), `${r.oursM ?? '?'} vs ${r.peerM ?? '?'}`, `>= ${r.goal}`,
    ratio(r.raw), verdict(r.rawPass), ratio(r.modeNormalised), verdict(r.modeNormalisedPass),
  ]);
  return formatTable(['ratio', 'n', 'M ours vs peer', 'goal', 'raw', 'raw goal', 'mode-normalised', 'norm. goal'], rows);
}

export function allocationSummary(a: AllocationResult): string {
  const perStep = (x: number): string => x.toFixed(1);
  const windows = a.windows.map((w) => `${w.allocatedBytes}`).join(', ');
  const gcNote = a.gcEvents > 0 ? `; ${a.gcEvents} spontaneous GCs in the windows: allocation is a lower bound` : '';
  return [
    `${a.windows.length} windows of ${a.steps} RK4 steps, ${a.interaction} (${a.engine}), n = ${formatCount(a.n)}, after ` +
      `${a.warmUpSeconds} s warm-up (GC forced via ${a.gcSource}; heap-read cost subtracted):`,
    `  allocated ${perStep(a.allocatedBytesPerStep)} B/step (median; windows: ${windows} B), ` +
      `retained after GC ${perStep(a.retainedBytesPerStep)} B/step${gcNote}`,
  ].join('\n');
}

/** The normalisation note printed under the tables, so "x(M+1)" and "GFlop/s" are not a mystery. */
export function modeNote(oursM: number, modeTolerance: number, peers: readonly PeerResult[], peak: NominalPeak): string {
  const peerMs = [...new Set(peers.map((p) => p.M))].join(', ') || 'n/a';
  return [
    'x(M+1) /s = particle-steps/s x (M+1): both interaction sums run over modes m = 0..M, so this is the work rate.',
    `GFlop/s = particle-steps/s x ${spectralFlopsPerParticleStep(oursM)} flops (the RK4 step's additions and multiplications at M = ${oursM}, ` +
      `sin/cos not counted; bench/roofline.ts); of peak = against one core's nominal ${peak.gflops.toFixed(1)} GFlop/s (${peak.basis}).`,
    `Ours keeps M = ${oursM} (relative L2 tail of the unit <= ${modeTolerance}); the peers (bench/peers/) apply the ` +
      `same criterion (tail <= 1e-14) and keep M = ${peerMs}.`,
  ].join('\n');
}
