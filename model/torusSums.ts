/**
 * The two O(count · M) kernels every torus computation is built from. Both walk `e^{imx}` by the
 * recurrence `e^{i(m+1)x} = e^{imx} e^{ix}` (one sin/cos per point, rounding growth ~ m·ε), write
 * into buffers passed in and allocate nothing after their first call. Each comes in two forms:
 * from the points `x`, and from their phasors `cos xⱼ, sin xⱼ` (`unitPhasors`), so that a caller
 * that takes moments of points and then evaluates a series at the same points (every potential
 * evaluation) pays for the sin/cos once: for a unit with few modes they are most of a GD step
 * (measured: 240 of 280 ns a particle-step on the gapped unit, M = 2). Both forms give the same
 * numbers bit for bit.
 */
import { sinCosInto } from './sinCos.ts';

/** `cos xⱼ` and `sin xⱼ`, `j < count`, into `outCos`, `outSin` (`sinCos.ts`: one reduction for both, within 2 ulp of `Math`). */
export function unitPhasors(x: Float64Array, count: number, outCos: Float64Array, outSin: Float64Array): void {
  sinCosInto(x, count, outCos, outSin);
}

/** Scratch phasors of the point-taking forms, grown on demand (one per process or worker: these functions do not re-enter). */
let scratchCos = new Float64Array(0);
let scratchSin = new Float64Array(0);
function scratchPhasors(x: Float64Array, count: number): void {
  if (scratchCos.length < count) {
    scratchCos = new Float64Array(count);
    scratchSin = new Float64Array(count);
  }
  unitPhasors(x, count, scratchCos, scratchSin);
}

/**
 * Weighted Fourier moments `out_m = scale · Σⱼ wⱼ e^{−imxⱼ}` for `m = 0..M` (`M = outRe.length − 1`).
 * With `w = c`, `scale = 1/n` this is `S_m` of docs/theory.md, so `f̂_n,m = ψ̂_m S_m`.
 *
 * @example
 * const re = new Float64Array(2), im = new Float64Array(2);
 * fourierMoments(Float64Array.of(0), Float64Array.of(2), 1, 1, re, im); // re = [2, 2], im = [0, 0]
 */
export function fourierMoments(x: Float64Array, w: Float64Array, count: number, scale: number,
  outRe: Float64Array, outIm: Float64Array): void {
  scratchPhasors(x, count);
  fourierMomentsOfPhasors(scratchCos, scratchSin, w, count, scale, outRe, outIm);
}

/** `fourierMoments` from the points' phasors `cos xⱼ`, `sin xⱼ` (`unitPhasors`). */
export function fourierMomentsOfPhasors(cosX: Float64Array, sinX: Float64Array, w: Float64Array, count: number, scale: number,
  outRe: Float64Array, outIm: Float64Array): void {
  const M = outRe.length - 1;
  outRe.fill(0);
  outIm.fill(0);
  for (let j = 0; j < count; j++) {
    const wj = w[j]!;
    const c = cosX[j]!;
    const s = sinX[j]!;
    let pr = wj; // wj · cos(mx)
    let pi = 0; // wj · sin(mx)
    for (let m = 0; m <= M; m++) {
      outRe[m]! += pr;
      outIm[m]! -= pi;
      const t = pr * c - pi * s;
      pi = pr * s + pi * c;
      pr = t;
    }
  }
  for (let m = 0; m <= M; m++) {
    outRe[m]! *= scale;
    outIm[m]! *= scale;
  }
}

/**
 * A real series and its derivative at points: `g(x) = Re ĝ_0 + 2 Σ_{m≥1} Re(ĝ_m e^{imx})` into
 * `outG` and `g′(x) = −2 Σ_{m≥1} m Im(ĝ_m e^{imx})` into `outDG` (pass `null` to skip it).
 */
export function evaluateSeriesAt(gRe: Float64Array, gIm: Float64Array, x: Float64Array, count: number,
  outG: Float64Array, outDG: Float64Array | null): void {
  scratchPhasors(x, count);
  evaluateSeriesOfPhasors(gRe, gIm, scratchCos, scratchSin, count, outG, outDG);
}

/** `evaluateSeriesAt` from the points' phasors `cos xⱼ`, `sin xⱼ` (`unitPhasors`). */
export function evaluateSeriesOfPhasors(gRe: Float64Array, gIm: Float64Array, cosX: Float64Array, sinX: Float64Array, count: number,
  outG: Float64Array, outDG: Float64Array | null): void {
  const M = gRe.length - 1;
  const g0 = gRe[0]!;
  for (let j = 0; j < count; j++) {
    const c = cosX[j]!;
    const s = sinX[j]!;
    let pr = c;
    let pi = s;
    let acc = 0;
    let dacc = 0;
    for (let m = 1; m <= M; m++) {
      const ar = gRe[m]!;
      const ai = gIm[m]!;
      acc += ar * pr - ai * pi;
      dacc += m * (ar * pi + ai * pr);
      const t = pr * c - pi * s;
      pi = pr * s + pi * c;
      pr = t;
    }
    outG[j] = g0 + 2 * acc;
    if (outDG !== null) outDG[j] = -2 * dacc;
  }
}
