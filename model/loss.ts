/**
 * The loss `ℓ = ½ ∫ |f − g|² dμ` (eq. 3) of a represented `g` against the problem's target, exact
 * by Parseval over the retained modes plus the unreachable target tail.
 */
import type { TorusProblem } from './problem.ts';
import { parsevalWeight, type Spectrum } from './spectrum.ts';

export function lossOfSpectrum(problem: TorusProblem, g: Spectrum): number {
  const { fhat, M } = problem;
  let d = 0;
  for (let m = 0; m <= M; m++) {
    const dr = fhat.re[m]! - g.re[m]!;
    const di = fhat.im[m]! - g.im[m]!;
    d += parsevalWeight(m) * (dr * dr + di * di);
  }
  return 0.5 * (d + problem.targetTail);
}
