/**
 * The `y`- and `c`-marginals of a grid density: `∫ ρ dc` on the y-cells and `∫ ρ dy` on the
 * c-cells (densities in `y` and in `c`, from the cell averages by the midpoint sums of the cells).
 */
import type { DensityField } from './solverSnapshot.ts';

export function densityMarginals(field: DensityField): { yMarginal: Float64Array; cMarginal: Float64Array } {
  const { rho, ny, nc, L } = field;
  const hy = (2 * Math.PI) / ny;
  const hc = (2 * L) / nc;
  const yMarginal = new Float64Array(ny);
  const cMarginal = new Float64Array(nc);
  for (let j = 0; j < nc; j++) {
    for (let i = 0; i < ny; i++) {
      const r = rho[j * ny + i]!;
      yMarginal[i]! += r * hc;
      cMarginal[j]! += r * hy;
    }
  }
  return { yMarginal, cMarginal };
}
