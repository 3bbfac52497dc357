/**
 * The explicit eighth-order Runge–Kutta method of Cooper & Verner (11 stages), G. J. Cooper and
 * J. H. Verner, "Some explicit Runge–Kutta methods of high order", SIAM J. Numer. Anal. 9 (1972)
 * 389–405. The Lagrangian reference needs a time error far below its quadrature error (1e-9 and
 * less), and an eighth-order method reaches it with steps of a few hundredths, where RK4 would
 * need thousands per unit time. A fixed step suffices: the characteristics' field is smooth and
 * not stiff.
 */

const S = Math.sqrt(21);

/** Nodes `c_i`. */
export const RK8_C: readonly number[] = [
  0, 1 / 2, 1 / 2, (7 + S) / 14, (7 + S) / 14, 1 / 2, (7 - S) / 14, (7 - S) / 14, 1 / 2, (7 + S) / 14, 1,
];

/** Rows of the strictly lower-triangular matrix `a_ij` (row i has i entries). */
export const RK8_A: readonly (readonly number[])[] = [
  [],
  [1 / 2],
  [1 / 4, 1 / 4],
  [1 / 7, -1 / 14 - (3 / 98) * S, 3 / 7 + (5 / 49) * S],
  [11 / 84 + S / 84, 0, 2 / 7 + (4 / 63) * S, 1 / 12 - S / 252],
  [5 / 48 + S / 48, 0, 1 / 4 + S / 36, -77 / 120 + (7 / 180) * S, 63 / 80 - (7 / 80) * S],
  [5 / 21 - S / 42, 0, -48 / 35 + (92 / 315) * S, 211 / 30 - (29 / 18) * S, -36 / 5 + (23 / 14) * S, 9 / 5 - (13 / 35) * S],
  [1 / 14, 0, 0, 0, 1 / 9 - S / 42, 13 / 63 - S / 21, 1 / 9],
  [1 / 32, 0, 0, 0, 91 / 576 - (7 / 192) * S, 11 / 72, -385 / 1152 - (25 / 384) * S, 63 / 128 + (13 / 128) * S],
  [1 / 14, 0, 0, 0, 1 / 9, -733 / 2205 - S / 15, 515 / 504 + (37 / 168) * S, -51 / 56 - (11 / 56) * S, 132 / 245 + (4 / 35) * S],
  [0, 0, 0, 0, -7 / 3 + (7 / 18) * S, -2 / 5 + (28 / 45) * S, -91 / 24 - (53 / 72) * S, 301 / 72 + (53 / 72) * S, 28 / 45 - (28 / 45) * S, 49 / 18 - (7 / 18) * S],
];

/** Weights `b_i`. */
export const RK8_B: readonly number[] = [1 / 20, 0, 0, 0, 0, 0, 0, 49 / 180, 16 / 45, 49 / 180, 1 / 20];

/** An autonomous vector field `out = v(state)` on `Float64Array`s of a fixed length. */
/** Stages of the method: one field evaluation each (the cost models count them). */
export const RK8_STAGES = RK8_B.length;

export type AutonomousField = (state: Float64Array, out: Float64Array) => void;

/** A fixed-step RK8 integrator that owns its stage buffers: a step allocates nothing. */
export class RungeKutta8 {
  readonly length: number;
  private readonly field: AutonomousField;
  private readonly k: Float64Array[];
  private readonly stage: Float64Array;

  constructor(field: AutonomousField, length: number) {
    this.field = field;
    this.length = length;
    this.k = RK8_C.map(() => new Float64Array(length));
    this.stage = new Float64Array(length);
  }

  /**
   * Advances `state` in place by `dt`. With `length` below the integrator's, only that prefix of
   * `state` is a state (the remeshed solver's particle count changes from one remesh to the next).
   */
  step(state: Float64Array, dt: number, length = this.length): void {
    const { k, stage } = this;
    if (!(length >= 0 && length <= this.length)) throw new RangeError(`RK8 step: length ${length} is not in [0, ${this.length}]`);
    for (let i = 0; i < RK8_C.length; i++) {
      const row = RK8_A[i]!;
      for (let q = 0; q < length; q++) stage[q] = state[q]!;
      for (let j = 0; j < row.length; j++) {
        const a = row[j]! * dt;
        if (a === 0) continue;
        const kj = k[j]!;
        for (let q = 0; q < length; q++) stage[q]! += a * kj[q]!;
      }
      this.field(stage, k[i]!);
    }
    for (let i = 0; i < RK8_B.length; i++) {
      const b = RK8_B[i]! * dt;
      if (b === 0) continue;
      const ki = k[i]!;
      for (let q = 0; q < length; q++) state[q]! += b * ki[q]!;
    }
  }
}
