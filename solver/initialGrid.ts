/**
 * Cell averages of `ρ_in(y, c) = (1/2π) N(c; c̄, σ_c²)` on the grid, by 8-point Gauss–Legendre
 * quadrature in `c` on each cell (exact to rounding for cells up to ~σ_c wide, since the Gaussian is
 * entire); uniform in `y`. Mass beyond `|c| = L` is simply not in the domain.
 */
import type { InitialLaw } from '../model/index.ts';

// Gauss–Legendre nodes and weights on [−1, 1], 8 points (Abramowitz & Stegun, Table 25.4).
const GL_X = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
  0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
const GL_W = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
  0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

export function initialCellAverages(law: InitialLaw, ny: number, nc: number, L: number): Float64Array {
  const hc = (2 * L) / nc;
  const rho = new Float64Array(ny * nc);
  const norm = 1 / (law.sigmaC * Math.sqrt(2 * Math.PI) * 2 * Math.PI);
  for (let j = 0; j < nc; j++) {
    const mid = -L + (j + 0.5) * hc;
    let avg = 0;
    for (let q = 0; q < 8; q++) {
      const z = (mid + 0.5 * hc * GL_X[q]! - law.cMean) / law.sigmaC;
      avg += 0.5 * GL_W[q]! * Math.exp(-0.5 * z * z);
    }
    rho.fill(avg * norm, j * ny, (j + 1) * ny);
  }
  return rho;
}
