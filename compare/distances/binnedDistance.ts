/**
 * A distance between the particles' joint law `ρ_n(t)` and `ρ₀(t)` itself, not only their
 * marginals: the L1 distance (twice the total variation) between their masses on a coarse grid of
 * `by × bc` bins over `𝕋 × [−L, L]`, `Σ_bins |ρ_n(bin) − ρ₀(bin)|`. Particles beyond `|c| = L`
 * count in the outermost bins; the grid solver's outflow is in no bin (it is below 1e-10 at the
 * studies' `L = 8`). For an empirical measure of `n` points this falls like
 * `√(bins/n)` until the bins' own resolution is reached, so it checks the LLN in the joint law.
 */

/** `ρ₀`'s mass per bin from grid cell averages (the grid's cells must nest in the bins). */
export function binGridDensity(rho: Float64Array, ny: number, nc: number, L: number, by: number, bc: number): Float64Array {
  if (ny % by !== 0 || nc % bc !== 0) throw new RangeError(`bins ${by}×${bc} must divide the grid ${ny}×${nc}`);
  const out = new Float64Array(by * bc);
  const cellArea = ((2 * Math.PI) / ny) * ((2 * L) / nc);
  const fy = ny / by;
  const fc = nc / bc;
  for (let j = 0; j < nc; j++) {
    const bj = Math.floor(j / fc);
    for (let i = 0; i < ny; i++) out[bj * by + Math.floor(i / fy)]! += rho[j * ny + i]! * cellArea;
  }
  return out;
}

/** `Σ_bins |ρ_n(bin) − ref(bin)|` with `ρ_n` the empirical law of the `n` particles (`y` in [0, 2π)). */
export function binnedL1(y: Float64Array, c: Float64Array, ref: Float64Array, by: number, bc: number, L: number): number {
  const counts = new Float64Array(by * bc);
  const n = y.length;
  const sy = by / (2 * Math.PI);
  const sc = bc / (2 * L);
  for (let k = 0; k < n; k++) {
    const i = Math.min(by - 1, Math.max(0, Math.floor(y[k]! * sy)));
    const j = Math.min(bc - 1, Math.max(0, Math.floor((c[k]! + L) * sc)));
    counts[j * by + i]! += 1 / n;
  }
  let s = 0;
  for (let b = 0; b < counts.length; b++) s += Math.abs(counts[b]! - ref[b]!);
  return s;
}
