/**
 * Gauss–Hermite quadrature, the `c`-part of the Lagrangian solver's tensor rule for
 * `ρ_in(y, c) = (1/2π) N(c; c̄, σ_c²)` (docs/theory.md): `∫ g(c) N(c; c̄, σ_c²) dc ≈ Σ_l ŵ_l g(c̄ + √2 σ_c ξ_l)`
 * with `ξ_l` the roots of the physicists' Hermite polynomial `H_n` and `ŵ_l = w_l / √π`, exact for
 * polynomials of degree `≤ 2n − 1`.
 *
 * How (why this way): Golub–Welsch — the eigenvalues of the symmetric tridiagonal Jacobi matrix
 * (zero diagonal, off-diagonal `√(k/2)`) are the nodes — gives guesses that are good to `~ε‖J‖`
 * absolutely but not relatively near 0, and its eigenvector-based weights lose relative accuracy in
 * the tails. So each guess is polished by Newton on the three-term recurrence of the orthonormal
 * polynomials `p_k = H_k / √(2^k k!)`, and the weights come from the Christoffel function
 * `ŵ = 1 / Σ_{k<n} p_k(ξ)²` (a sum of positive terms: positive weights, full relative accuracy).
 * The recurrence values grow like `e^{ξ²/2}`, so they are rescaled on the fly to stay finite for
 * large `n`.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** A quadrature rule: nodes and weights, same length, nodes increasing. */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

/** Most nodes accepted; the dense eigen-decomposition costs `O(n³)`. */
export const GAUSS_HERMITE_MAX_NODES = 1000;

/** Values of the recurrence are kept below this by rescaling (its square stays finite). */
const RESCALE_ABOVE = 1e100;

/**
 * `p_n(x) / p_n'(x)` (the Newton correction) and `Σ_{k<n} p_k(x)²` times `scale²`, where the
 * returned `scale` undoes the rescaling: the true sum is `sum / scale²` with `log(scale)` returned.
 */
function hermiteRecurrence(n: number, x: number): { newton: number; sum: number; logScale: number } {
  // p_0 = 1, p_1 = √2 x, p_{k+1} = √(2/(k+1)) x p_k − √(k/(k+1)) p_{k−1}  (orthonormal w.r.t. e^{−x²}/√π)
  let pPrev = 0;
  let p = 1;
  let sum = 0;
  let logScale = 0;
  for (let k = 0; k < n; k++) {
    sum += p * p;
    const next = Math.sqrt(2 / (k + 1)) * x * p - Math.sqrt(k / (k + 1)) * pPrev;
    pPrev = p;
    p = next;
    if (Math.abs(p) > RESCALE_ABOVE) {
      pPrev /= RESCALE_ABOVE;
      p /= RESCALE_ABOVE;
      sum /= RESCALE_ABOVE * RESCALE_ABOVE;
      logScale -= Math.log(RESCALE_ABOVE);
    }
  }
  // now p = p_n, pPrev = p_{n−1} (both × scale); p_n' = √(2n) p_{n−1}
  return { newton: p / (Math.sqrt(2 * n) * pPrev), sum, logScale };
}

/**
 * The `n`-point physicists' Gauss–Hermite rule for `∫ g(ξ) e^{−ξ²} dξ / √π`: nodes `ξ_l`
 * (increasing, exactly antisymmetric) and probability weights `ŵ_l = w_l / √π` (positive,
 * symmetric, summing to 1 to rounding).
 *
 * @example
 * const { nodes, weights } = gaussHermite(2); // nodes = [−1/√2, 1/√2], weights = [0.5, 0.5]
 */
export function gaussHermite(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1 || n > GAUSS_HERMITE_MAX_NODES) {
    throw new RangeError(`gaussHermite: the number of nodes must be an integer in [1, ${GAUSS_HERMITE_MAX_NODES}], got ${n}`);
  }
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  if (n === 1) {
    weights[0] = 1;
    return { nodes, weights };
  }
  const J = Matrix.zeros(n, n);
  for (let k = 1; k < n; k++) {
    const b = Math.sqrt(k / 2);
    J.set(k - 1, k, b);
    J.set(k, k - 1, b);
  }
  const guesses = new EigenvalueDecomposition(J, { assumeSymmetric: true }).realEigenvalues.slice().sort((a, b) => a - b);
  const half = Math.floor(n / 2);
  // polish the positive half only and mirror it, so the rule is exactly symmetric (odd moments vanish)
  for (let i = 0; i < half; i++) {
    let x = Math.abs(guesses[n - 1 - i]!);
    for (let iter = 0; iter < 10; iter++) {
      const dx = hermiteRecurrence(n, x).newton;
      x -= dx;
      if (Math.abs(dx) <= 1e-16 * Math.abs(x)) break;
    }
    const { sum, logScale } = hermiteRecurrence(n, x);
    // true Σ p_k² = sum · e^{−2 logScale}; the weight is its reciprocal
    const w = Math.exp(2 * logScale) / sum;
    nodes[n - 1 - i] = x;
    nodes[i] = -x;
    weights[n - 1 - i] = w;
    weights[i] = w;
  }
  if (n % 2 === 1) {
    nodes[half] = 0;
    const mid = hermiteRecurrence(n, 0);
    weights[half] = Math.exp(2 * mid.logScale) / mid.sum;
  }
  return { nodes, weights };
}

/**
 * The rule for `∫ g(c) N(c; mean, σ²) dc`: nodes `mean + √2 σ ξ_l`, weights `ŵ_l` (probability
 * weights, summing to 1). Exact for polynomials of degree `≤ 2n − 1`.
 */
export function normalQuadrature(mean: number, sigma: number, n: number): QuadratureRule {
  const { nodes, weights } = gaussHermite(n);
  const c = new Float64Array(n);
  for (let l = 0; l < n; l++) c[l] = mean + Math.SQRT2 * sigma * nodes[l]!;
  return { nodes: c, weights };
}
