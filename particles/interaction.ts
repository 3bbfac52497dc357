/**
 * The mean-field potential of n particles at the particles themselves,
 *
 *     U_n(y) = −F(y) + (1/n) Σⱼ cⱼ k(y − yⱼ)      (docs/theory.md, below eq. 5)
 *
 * and its derivative `∂_y U_n`: the only coupling between particles in GD (eq. 9).
 */
export interface Interaction {
  /** Number of particles this interaction is sized for. */
  readonly n: number;
  /** Writes `U_n(yᵢ)` into `outU` and `∂_y U_n(yᵢ)` into `outDU` for `i < n`. */
  potentialAt(y: Float64Array, c: Float64Array, outU: Float64Array, outDU: Float64Array): void;
}

export type InteractionKind = 'spectral' | 'direct';
