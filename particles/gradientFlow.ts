/**
 * The GD vector field of eq. (9) on the torus, `dYᵢ/dt = −Cᵢ ∂_y U_n(Yᵢ)`, `dCᵢ/dt = −U_n(Yᵢ)`,
 * and its frozen-y ("random features") variant, where only `c` moves.
 */
import type { Interaction } from './interaction.ts';

export interface VectorField {
  readonly n: number;
  /** The length of the `y` part of the state, if not `n` (the 3-spin exact flow's `w`: `n·d`). */
  readonly ySize?: number;
  /** Writes `(dY/dt, dC/dt)` at `(y, c)` into `(vy, vc)`. */
  velocity(y: Float64Array, c: Float64Array, vy: Float64Array, vc: Float64Array): void;
}

export class GradientFlow implements VectorField {
  readonly n: number;
  private readonly interaction: Interaction;
  private readonly frozenY: boolean;

  constructor(interaction: Interaction, frozenY = false) {
    this.interaction = interaction;
    this.n = interaction.n;
    this.frozenY = frozenY;
  }

  velocity(y: Float64Array, c: Float64Array, vy: Float64Array, vc: Float64Array): void {
    // U lands in vc and ∂U in vy, then both are turned into velocities in place: no scratch arrays.
    this.interaction.potentialAt(y, c, vc, vy);
    const n = this.n;
    if (this.frozenY) {
      for (let i = 0; i < n; i++) {
        vy[i] = 0;
        vc[i] = -vc[i]!;
      }
    } else {
      for (let i = 0; i < n; i++) {
        vy[i] = -c[i]! * vy[i]!;
        vc[i] = -vc[i]!;
      }
    }
  }
}
