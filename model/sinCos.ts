/**
 * `cos x` and `sin x` together, for the phasors of every torus kernel (`torusSums.ts`): one range
 * reduction for both, then the minimax polynomials of fdlibm's `__kernel_sin` / `__kernel_cos`
 * (Sun Microsystems, 1993; the coefficients of FreeBSD's `k_sin.c`, `k_cos.c`) on `[−π/4, π/4]`.
 * Why not `Math.cos` and `Math.sin`: for a unit with few modes the two calls are most of a GD step
 * (240 of 280 ns a particle-step on the gapped unit, M = 2), and each reduces the argument again.
 * Accuracy: within 2 units in the last place of `Math.cos`/`Math.sin`, absolute ≤ 2.3e-16 (tested
 * on 10⁶ points up to |x| = 10⁵ and near the multiples of π/2); beyond `|x| = REDUCTION_LIMIT`, or
 * for a non-finite `x`, it defers to `Math`.
 */

/** Up to here the two-part Cody–Waite reduction by `π/2` is exact to about 2⁻⁸⁵ relative to `π/2` (fdlibm's medium case). */
export const REDUCTION_LIMIT = 2 ** 19 * (Math.PI / 2);

const INV_PIO2 = 6.36619772367581382433e-01;
/** `π/2` in two parts: the first 33 bits, and the rest. */
const PIO2_1 = 1.57079632673412561417e+00;
const PIO2_1T = 6.07710050650619224932e-11;

const S1 = -1.66666666666666324348e-01;
const S2 = 8.33333333332248946124e-03;
const S3 = -1.98412698298579493134e-04;
const S4 = 2.75573137070700676789e-06;
const S5 = -2.50507602534068634195e-08;
const S6 = 1.58969099521155010221e-10;

const C1 = 4.16666666666666019037e-02;
const C2 = -1.38888888888741095749e-03;
const C3 = 2.48015872894767294178e-05;
const C4 = -2.75573143513906633035e-07;
const C5 = 2.08757232129817482790e-09;
const C6 = -1.13596475577881948265e-11;

/** `cos xⱼ`, `sin xⱼ` for `j < count` into `outCos`, `outSin`; allocates nothing. */
export function sinCosInto(x: Float64Array, count: number, outCos: Float64Array, outSin: Float64Array): void {
  for (let j = 0; j < count; j++) {
    const v = x[j]!;
    if (!(v <= REDUCTION_LIMIT && v >= -REDUCTION_LIMIT)) {
      outCos[j] = Math.cos(v);
      outSin[j] = Math.sin(v);
      continue;
    }
    const k = Math.round(v * INV_PIO2);
    const r = v - k * PIO2_1 - k * PIO2_1T;
    const z = r * r;
    const s = r + r * z * (S1 + z * (S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)))));
    // 1 − z/2 with its rounding carried (fdlibm's w + (((1 − w) − hz) + z²·p))
    const hz = 0.5 * z;
    const w = 1 - hz;
    const c = w + ((1 - w - hz) + z * z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6))))));
    switch (k & 3) {
      case 0: outCos[j] = c; outSin[j] = s; break;
      case 1: outCos[j] = -s; outSin[j] = c; break;
      case 2: outCos[j] = -c; outSin[j] = -s; break;
      default: outCos[j] = s; outSin[j] = -c;
    }
  }
}
